import { describe, expect, it } from 'vitest';
import { orderNumberOf } from './order-number.js';

describe('order numbers', () => {
  it('pads to six digits and never truncates', () => {
    expect(orderNumberOf(1)).toBe('EMP-000001');
    expect(orderNumberOf(123)).toBe('EMP-000123');
    expect(orderNumberOf(999_999)).toBe('EMP-999999');
    expect(orderNumberOf(1_234_567)).toBe('EMP-1234567');
  });

  it('refuses values a sequence cannot produce', () => {
    expect(() => orderNumberOf(0)).toThrow(RangeError);
    expect(() => orderNumberOf(1.5)).toThrow(RangeError);
  });
});
