import { describe, expect, it } from 'vitest';
import { buildTfIdf, contentNeighboursOf, tokenize } from './content-similarity.js';

const doc = (productId: string, title: string, category: string, tags = '', description = '') => ({
  productId,
  title,
  description,
  brand: null,
  category,
  tags,
});

describe('TF-IDF content similarity', () => {
  it('tokenizes without stop words, numbers or plurals', () => {
    expect(tokenize('The Linen Dresses, 2 sizes & 100% cotton shirts')).toEqual([
      'linen',
      'dress',
      'cotton',
      'shirt',
    ]);
  });

  it('finds the product sharing rare words first, and nothing for an unrelated one', () => {
    const model = buildTfIdf([
      doc('linen-dress', 'Linen Midi Dress', 'dresses', 'linen summer'),
      doc('linen-shirt', 'Linen Button Shirt', 'tops', 'linen summer'),
      doc('silk-dress', 'Silk Midi Dress', 'dresses', 'evening'),
      doc('gold-ring', 'Gold Signet Ring', 'jewelry rings', 'gold'),
    ]);
    const similar = contentNeighboursOf(model, 'linen-dress', { k: 10 });
    expect(similar.map((n) => n.neighbourId)).toEqual(['silk-dress', 'linen-shirt']);
    expect(similar[0]!.score).toBeGreaterThan(0);
    expect(similar[0]!.score).toBeLessThanOrEqual(1);
    expect(contentNeighboursOf(model, 'gold-ring', { k: 10 })).toEqual([]);
    expect(contentNeighboursOf(model, 'unknown', { k: 10 })).toEqual([]);
  });
});
