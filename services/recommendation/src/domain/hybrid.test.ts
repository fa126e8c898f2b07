import { describe, expect, it } from 'vitest';
import { blend, forYouWeights } from './hybrid.js';

describe('hybrid blend', () => {
  it('sums weighted neighbour scores over seeds and kinds, without seeds or excluded products', () => {
    const ranked = blend(
      [
        { productId: 's1', weight: 1 },
        { productId: 's2', weight: 0.5 },
      ],
      [
        { productId: 's1', neighbourId: 'x', kind: 'co_purchase', score: 0.5 },
        { productId: 's1', neighbourId: 'y', kind: 'content', score: 1 },
        { productId: 's2', neighbourId: 'x', kind: 'co_view', score: 1 },
        { productId: 's2', neighbourId: 's1', kind: 'co_view', score: 1 },
        { productId: 's1', neighbourId: 'bought', kind: 'co_purchase', score: 1 },
        { productId: 'other', neighbourId: 'z', kind: 'co_purchase', score: 1 },
      ],
      forYouWeights,
      new Set(['bought']),
    );
    // x: 1 * 1 * 0.5 + 0.5 * 0.6 * 1 = 0.8; y: 1 * 0.3 * 1 = 0.3.
    expect(ranked.map((p) => p.productId)).toEqual(['x', 'y']);
    expect(ranked[0]!.score).toBeCloseTo(0.8, 12);
    expect(ranked[1]!.score).toBeCloseTo(0.3, 12);
  });
});
