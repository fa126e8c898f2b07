import { describe, expect, it } from 'vitest';
import { type CatalogProduct, categoryPathOf, searchDocumentOf } from './catalog-product.js';

const known = new Map([
  ['apparel', { slug: 'apparel', name: 'Apparel & Accessories', path: ['apparel'] }],
  ['apparel-shoes', { slug: 'apparel-shoes', name: 'Shoes', path: ['apparel', 'apparel-shoes'] }],
]);

const product: CatalogProduct = {
  id: '0194f1c2-0000-7000-8000-000000000001',
  slug: 'trail-runner',
  title: 'Trail Runner',
  description: 'Grippy.',
  brand: 'Peak',
  status: 'active',
  categorySlugs: ['apparel-shoes-running'],
  tags: ['outdoor'],
  variants: [
    { sku: 'TR-42-RED', priceMinor: 8_900, currency: 'EUR', options: { Size: '42', Colour: 'Red' } },
    { sku: 'TR-43-RED', priceMinor: 7_900, currency: 'EUR', options: { size: '43', colour: 'Red' } },
  ],
  imageUrl: null,
  updatedAt: '2026-01-02T03:04:05.000Z',
  category: {
    slug: 'apparel-shoes-running',
    name: 'Running',
    path: ['apparel', 'apparel-shoes', 'apparel-shoes-running'],
  },
};

describe('catalog product → search document', () => {
  it('takes the path the catalog sent, naming ancestors from the known tree', () => {
    expect(categoryPathOf(product, known)).toEqual({
      slugs: ['apparel', 'apparel-shoes', 'apparel-shoes-running'],
      names: ['Apparel & Accessories', 'Shoes', 'Running'],
    });
  });

  it('falls back to the deepest known category, then to the slug read as words', () => {
    expect(categoryPathOf({ categorySlugs: ['apparel-shoes'] }, known).names).toEqual([
      'Apparel & Accessories',
      'Shoes',
    ]);
    expect(categoryPathOf({ categorySlugs: ['garden-tools'] }, known)).toEqual({
      slugs: ['garden-tools'],
      names: ['garden tools'],
    });
  });

  it('derives prices, SKUs, attributes (case-folded names) and keeps versions', () => {
    const document = searchDocumentOf(product, {
      categories: known,
      inStock: true,
      createdAtFallback: new Date('2025-01-01T00:00:00Z'),
    });
    expect(document).toMatchObject({
      priceMinMinor: 7_900,
      priceMaxMinor: 8_900,
      currency: 'EUR',
      skus: ['TR-42-RED', 'TR-43-RED'],
      attributes: { size: ['42', '43'], colour: ['Red'] },
      rating: 0,
      popularity: 0,
      inStock: true,
    });
    expect(document.createdAt.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(document.sourceUpdatedAt?.toISOString()).toBe(product.updatedAt);
    const rated = searchDocumentOf(
      { ...product, rating: { average: 4.5, count: 12 }, createdAt: '2024-05-06T00:00:00.000Z' },
      { categories: known, inStock: false, createdAtFallback: new Date() },
    );
    expect([rated.rating, rated.popularity, rated.createdAt.toISOString()]).toEqual([
      4.5,
      12,
      '2024-05-06T00:00:00.000Z',
    ]);
  });
});
