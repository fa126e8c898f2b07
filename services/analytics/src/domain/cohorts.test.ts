import { describe, expect, it } from 'vitest';
import { rateOf, retentionOf } from './cohorts.js';

describe('cohort retention', () => {
  it('fills months without orders with zeros up to the last month, rates against the cohort size', () => {
    const table = retentionOf(
      [
        { cohort: '2024-12', offset: 0, customers: 4 },
        { cohort: '2024-12', offset: 2, customers: 1 },
        { cohort: '2025-01', offset: 0, customers: 3 },
        { cohort: '2025-01', offset: 1, customers: 2 },
      ],
      '2025-02',
    );
    expect(table).toEqual([
      {
        cohort: '2024-12',
        customers: 4,
        months: [
          { offset: 0, customers: 4, rate: 1 },
          { offset: 1, customers: 0, rate: 0 },
          { offset: 2, customers: 1, rate: 0.25 },
        ],
      },
      {
        cohort: '2025-01',
        customers: 3,
        months: [
          { offset: 0, customers: 3, rate: 1 },
          { offset: 1, customers: 2, rate: 0.6667 },
        ],
      },
    ]);
  });

  it('rates nothing as zero', () => {
    expect(rateOf(3, 0)).toBe(0);
    expect(rateOf(1, 3)).toBe(0.3333);
  });
});
