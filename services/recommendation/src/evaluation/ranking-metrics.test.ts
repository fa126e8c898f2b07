import { describe, expect, it } from 'vitest';
import { hitRateAtK, mean, ndcgAtK } from './ranking-metrics.js';

describe('ranking metrics', () => {
  it('hit rate@k is 1 when a relevant item is in the first k, else 0', () => {
    const ranked = ['a', 'b', 'c', 'd'];
    expect(hitRateAtK(ranked, new Set(['c']), 3)).toBe(1);
    expect(hitRateAtK(ranked, new Set(['d']), 3)).toBe(0);
    expect(hitRateAtK(ranked, new Set(['x']), 10)).toBe(0);
    expect(hitRateAtK([], new Set(['a']), 10)).toBe(0);
  });

  it('NDCG@k discounts by log2(rank + 1) and normalises by the ideal list', () => {
    // One relevant item at rank 1: DCG = 1, ideal = 1.
    expect(ndcgAtK(['a', 'b'], new Set(['a']), 10)).toBe(1);
    // At rank 3: 1 / log2(4) = 0.5.
    expect(ndcgAtK(['x', 'y', 'a'], new Set(['a']), 10)).toBeCloseTo(0.5, 12);
    // Two relevant at ranks 2 and 4: (1/log2 3 + 1/log2 5) / (1 + 1/log2 3).
    const expected = (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3));
    expect(ndcgAtK(['x', 'a', 'y', 'b'], new Set(['a', 'b']), 10)).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.6509209, 6);
    // Beyond k counts nothing; the ideal is capped at k items.
    expect(ndcgAtK(['x', 'y', 'a'], new Set(['a']), 2)).toBe(0);
    expect(ndcgAtK(['a', 'b'], new Set(['a', 'b', 'c']), 2)).toBe(1);
    expect(ndcgAtK(['a'], new Set(), 10)).toBe(0);
  });

  it('averages, with 0 for nothing', () => {
    expect(mean([1, 0, 0, 1])).toBe(0.5);
    expect(mean([])).toBe(0);
  });
});
