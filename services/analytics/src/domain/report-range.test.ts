import { describe, expect, it } from 'vitest';
import { checkPeriods, periodCount, periodStart, resolveRange } from './report-range.js';

const range = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

describe('report ranges', () => {
  it('defaults to the 30 days before now and refuses an empty or reversed range', () => {
    const now = new Date('2025-03-31T10:00:00Z');
    expect(resolveRange({}, now)).toEqual({ from: new Date('2025-03-01T10:00:00Z'), to: now });
    expect(resolveRange({ from: '2025-01-01', to: '2025-01-02T00:00:00+01:00' }, now)).toEqual(
      range('2025-01-01T00:00:00Z', '2025-01-01T23:00:00Z'),
    );
    expect(() => resolveRange({ from: '2025-01-02', to: '2025-01-02' }, now)).toThrow(
      expect.objectContaining({ code: 'RANGE_INVALID' }),
    );
    expect(() => resolveRange({ from: '2025-04-01' }, now)).toThrow(
      expect.objectContaining({ code: 'RANGE_INVALID' }),
    );
  });

  it('starts weeks on Monday and months on the first, in UTC', () => {
    expect(periodStart(new Date('2025-01-05T23:59:00Z'), 'week').toISOString()).toBe(
      '2024-12-30T00:00:00.000Z',
    );
    expect(periodStart(new Date('2025-01-06T00:00:00Z'), 'week').toISOString()).toBe(
      '2025-01-06T00:00:00.000Z',
    );
    expect(periodStart(new Date('2025-02-28T12:00:00Z'), 'month').toISOString()).toBe(
      '2025-02-01T00:00:00.000Z',
    );
  });

  it('counts the periods a half-open range touches', () => {
    expect(periodCount(range('2025-01-01', '2025-01-08'), 'day')).toBe(7);
    expect(periodCount(range('2025-01-01T12:00:00Z', '2025-01-08T00:00:01Z'), 'day')).toBe(8);
    expect(periodCount(range('2025-01-01', '2025-03-01'), 'month')).toBe(2);
    expect(periodCount(range('2024-12-15', '2025-01-15'), 'month')).toBe(2);
    expect(periodCount(range('2025-01-01', '2025-01-15'), 'week')).toBe(3);
    // Across a DST change nothing shifts: buckets are UTC.
    expect(periodCount(range('2025-03-01', '2025-04-01'), 'day')).toBe(31);
  });

  it('caps the number of periods', () => {
    expect(checkPeriods(range('2000-01-01', '2025-01-01'), 'month', 1_000)).toBe(300);
    expect(() => checkPeriods(range('2000-01-01', '2025-01-01'), 'day', 1_000)).toThrow(
      expect.objectContaining({ code: 'RANGE_TOO_LARGE', extensions: { periods: 9_132, maxPeriods: 1_000 } }),
    );
  });
});
