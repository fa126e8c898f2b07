import { describe, expect, it } from 'vitest';
import { cosineNeighbours, decayed } from './item-similarity.js';

describe('item-to-item cosine', () => {
  it('scores products by the cosine of their actor vectors', () => {
    const lists = cosineNeighbours(
      [
        { actor: 'u1', productId: 'a', weight: 1 },
        { actor: 'u1', productId: 'b', weight: 1 },
        { actor: 'u2', productId: 'a', weight: 1 },
        { actor: 'u2', productId: 'b', weight: 1 },
        { actor: 'u2', productId: 'c', weight: 1 },
        { actor: 'u3', productId: 'c', weight: 1 },
      ],
      { k: 10 },
    );
    // a = (1,1,0), b = (1,1,0), c = (0,1,1): cos(a,b) = 1, cos(a,c) = 1/2.
    expect(lists.get('a')!.map((n) => n.neighbourId)).toEqual(['b', 'c']);
    expect(lists.get('a')![0]!.score).toBeCloseTo(1, 12);
    expect(lists.get('a')![1]!.score).toBeCloseTo(0.5, 12);
    expect(lists.get('c')!.map((n) => n.neighbourId)).toEqual(['a', 'b']);
  });

  it('adds an actor’s repeated interest, honours targets and k', () => {
    const lists = cosineNeighbours(
      [
        { actor: 'u1', productId: 'a', weight: 1 },
        { actor: 'u1', productId: 'a', weight: 1 },
        { actor: 'u1', productId: 'b', weight: 1 },
        { actor: 'u1', productId: 'c', weight: 3 },
      ],
      { k: 1, targets: new Set(['a']) },
    );
    expect([...lists.keys()]).toEqual(['a']);
    // a = (2), b = (1), c = (3) on one actor: all cosines 1, the tie broken by id.
    expect(lists.get('a')!.map((n) => n.neighbourId)).toEqual(['b']);
  });

  it('halves a weight per half-life', () => {
    expect(decayed(4, 0, 1_000)).toBe(4);
    expect(decayed(4, 1_000, 1_000)).toBe(2);
    expect(decayed(4, 3_000, 1_000)).toBe(0.5);
    expect(decayed(4, -5_000, 1_000)).toBe(4);
  });
});
