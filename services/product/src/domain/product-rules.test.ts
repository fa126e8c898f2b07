import { describe, expect, it } from 'vitest';
import type { ProductDocument } from './product.js';
import { productViolations } from './product-rules.js';

const document = (overrides: Partial<ProductDocument> = {}): ProductDocument => ({
  title: 'Tee',
  description: '',
  brand: null,
  productType: 'Tops',
  tags: [],
  options: [{ name: 'Size', values: ['S', 'M'] }],
  variants: [
    {
      sku: 'TEE-S',
      title: 'S',
      options: { Size: 'S' },
      priceMinor: 1000,
      compareAtMinor: 1500,
      currency: 'USD',
    },
    {
      sku: 'TEE-M',
      title: 'M',
      options: { Size: 'M' },
      priceMinor: 1200,
      compareAtMinor: null,
      currency: 'USD',
    },
  ],
  imageUrl: null,
  images: [],
  rating: { count: 0, average: 0 },
  ...overrides,
});

describe('productViolations', () => {
  it('accepts a consistent product', () => {
    expect(productViolations('tee', document())).toEqual([]);
  });

  it('refuses UUID-shaped slugs, duplicate SKUs and option mismatches', () => {
    const [small, medium] = document().variants as [
      ProductDocument['variants'][0],
      ProductDocument['variants'][0],
    ];
    const paths = (doc: ProductDocument, slug = 'tee') => productViolations(slug, doc).map((v) => v.path);
    expect(paths(document(), '0195f3a0-1111-7000-8000-000000000001')).toEqual(['/slug']);
    expect(paths(document(), 'export')).toEqual(['/slug']);
    expect(paths(document({ variants: [small, { ...medium, sku: 'TEE-S' }] }))).toEqual(['/variants/1/sku']);
    expect(paths(document({ variants: [small, { ...medium, options: { Size: 'XL' } }] }))).toEqual([
      '/variants/1/options/Size',
    ]);
    expect(paths(document({ variants: [small, { ...medium, options: { Size: 'S' } }] }))).toEqual([
      '/variants/1/options',
    ]);
    expect(paths(document({ variants: [small, { ...medium, options: {} }] }))).toEqual([
      '/variants/1/options',
    ]);
  });

  it('refuses mixed currencies and compare-at prices not above the price', () => {
    const [small, medium] = document().variants as [
      ProductDocument['variants'][0],
      ProductDocument['variants'][0],
    ];
    const violations = productViolations(
      'tee',
      document({
        variants: [
          { ...small, compareAtMinor: 1000 },
          { ...medium, currency: 'EUR' },
        ],
      }),
    );
    expect(violations.map((v) => v.path)).toEqual(['/variants/0/compareAtMinor', '/variants']);
  });
});
