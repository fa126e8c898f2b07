import { DemoCatalog } from '@emporium/contracts/demo/demo-catalog';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import {
  deriveCatalog,
  parseProductsCsv,
  plainTextOf,
  SOURCE_COLUMNS,
  type SourceRow,
} from './derive-catalog.js';

function row(overrides: Partial<SourceRow>): SourceRow {
  return {
    id: '1001',
    handle: 'ribbed-tank',
    title: 'Ribbed Tank',
    product_type: 'Tank Top',
    category_full_path: 'Apparel & Accessories > Clothing > Clothing Tops',
    tags: 'casual | Ship from USA | tops',
    description: 'Soft ribbed knit.',
    price_min_usd: '19.99',
    price_max_usd: '21.99',
    in_stock_any: 'true',
    variant_count: '3',
    featured_image_url: 'https://cdn.example/tank.webp',
    review_count: '12',
    review_rating: '4.5',
    created_at: '2025-05-16T14:22:02Z',
    ...overrides,
  };
}

const rows = [
  row({}),
  row({ id: '1002', handle: 'ribbed-tank', title: 'Ribbed Tank II', in_stock_any: 'false' }),
  row({
    id: '1003',
    handle: 'pearl-ring',
    product_type: 'Ring',
    category_full_path: 'Apparel & Accessories > Jewelry > Rings',
    variant_count: '4',
    review_count: '',
    review_rating: '',
    featured_image_url: '',
  }),
  row({ id: '1004', handle: 'striped-tank', category_full_path: '' }),
];

describe('deriveCatalog', () => {
  const catalog = deriveCatalog(rows);

  it('satisfies the DemoCatalog schema', () => {
    expect([...Value.Errors(DemoCatalog, catalog)]).toEqual([]);
  });

  it('maps the source columns and fills what the source lacks', () => {
    const [tank, tankTwo, ring, striped] = catalog.products;
    expect(tank).toMatchObject({
      sourceId: '1001',
      slug: 'ribbed-tank',
      brand: null,
      productType: 'Tank Top',
      categorySlug: 'apparel-accessories-clothing-clothing-tops',
      tags: ['casual', 'Ship from USA', 'tops'],
      currency: 'USD',
      options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
      imageUrl: 'https://cdn.example/tank.webp',
      rating: { count: 12, average: 4.5 },
      createdAt: '2025-05-16T14:22:02Z',
    });
    expect(tank!.variants.map((v) => v.priceMinor)).toEqual([1999, 2099, 2199]);
    expect(tankTwo!.slug).toBe('ribbed-tank-2');
    expect(tankTwo!.variants.flatMap((v) => Object.values(v.stock))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(ring).toMatchObject({ imageUrl: null, rating: { count: 0, average: 0 } });
    expect(ring!.variants.map((v) => v.sku)).toEqual(['LS-1003-ONE-SIZE']);
    expect(striped!.categorySlug).toBe('apparel-accessories-clothing-clothing-tops');
  });

  it('has the warehouses every stock record names, and every category products point at', () => {
    const warehouseIds = catalog.warehouses.map((w) => w.id);
    const slugs = new Set(catalog.categories.map((c) => c.slug));
    for (const product of catalog.products) {
      expect(slugs.has(product.categorySlug)).toBe(true);
      for (const variant of product.variants) expect(Object.keys(variant.stock)).toEqual(warehouseIds);
    }
  });

  it('gives the same bytes for the same input', () => {
    expect(JSON.stringify(deriveCatalog(structuredClone(rows)))).toBe(JSON.stringify(catalog));
  });

  it('refuses rows whose ids cannot make unique SKUs', () => {
    expect(() => deriveCatalog([row({}), row({ handle: 'other' })])).toThrow(/duplicate id 1001/);
    expect(() => deriveCatalog([row({ id: '' })])).toThrow(/bad id/);
    expect(() => deriveCatalog([row({ price_min_usd: 'n/a' })])).toThrow(/not a price/);
  });
});

describe('parseProductsCsv', () => {
  it('reads quoted fields with commas and line breaks', () => {
    const header = SOURCE_COLUMNS.join(',');
    const values = SOURCE_COLUMNS.map((column) =>
      column === 'description' ? '"Light, airy.\nHand wash."' : 'x',
    );
    const [parsed] = parseProductsCsv(`\uFEFF${header}\n${values.join(',')}\n`);
    expect(parsed!.description).toBe('Light, airy.\nHand wash.');
    expect(parsed!.id).toBe('x');
  });

  it('names the columns it misses', () => {
    expect(() => parseProductsCsv('id,title\n1,Tank\n')).toThrow(/lacks columns: handle, product_type/);
  });
});

describe('plainTextOf', () => {
  it('drops markup and decodes the common entities', () => {
    expect(plainTextOf('  <p>Fits <b>true</b> to size &amp; &quot;soft&quot;</p> ')).toBe(
      'Fits true to size & "soft"',
    );
  });
});
