import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandal } from './support/products.js';
import { type ProductUnderTest, startProduct } from './support/start-product.js';

let source: ProductUnderTest;
let target: ProductUnderTest;

const categories = [
  { slug: 'shoes', name: 'Shoes' },
  { slug: 'sandals', name: 'Sandals', parentSlug: 'shoes' },
];

beforeAll(async () => {
  [source, target] = await Promise.all([startProduct(), startProduct()]);
  for (const shop of [source, target]) {
    for (const category of categories) await shop.admin('POST', '/api/v1/categories', category);
  }
  const tricky = sandal('tricky', {
    status: 'active',
    categorySlug: 'sandals',
    title: '=HYPERLINK("http://evil.test","click")',
    description: 'Line one, with "quotes"\nline two; -5 degrees',
    tags: ['summer', 'beach, sand'],
    options: [
      { name: 'Size', values: ['40', '41'] },
      { name: 'Colour', values: ['Red'] },
    ],
  });
  tricky.variants = tricky.variants.map((v) => ({ ...v, options: { ...v.options, Colour: 'Red' } }));
  await source.admin('POST', '/api/v1/products', tricky);
  await source.admin(
    'POST',
    '/api/v1/products',
    sandal('plain', { brand: null, imageUrl: 'https://cdn.example.test/p.jpg' }),
  );
}, 120_000); // two services start here
afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
});

const exported = async (shop: ProductUnderTest, format: 'csv' | 'json') =>
  shop.admin('GET', `/api/v1/products/export?format=${format}`);

describe('import and export', () => {
  it('exports JSON and CSV, streamed as attachments', async () => {
    const json = await exported(source, 'json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="products-.*\.json"$/);
    expect(json.body).toHaveLength(2);
    const csv = await exported(source, 'csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'slug,status,categorySlug,title,description,brand,productType,tags,imageUrl,option1Name,option1Value,' +
        'option2Name,option2Value,option3Name,option3Value,sku,variantTitle,priceMinor,compareAtMinor,currency',
    );
    // Formula injection guard: the cell starts with an apostrophe in the file.
    expect(csv.text).toContain(`'=HYPERLINK(""http://evil.test"",""click"")`);
  });

  it('round-trips the catalog through JSON: the import creates the same products, announced', async () => {
    const json = (await exported(source, 'json')).body;
    const imported = await target.admin('POST', '/api/v1/products/import', json);
    expect(imported.status).toBe(201);
    expect(imported.body.created).toBe(2);
    expect(bySlug((await exported(target, 'json')).body)).toEqual(bySlug(json));
    const events = await target.sql<{ event_type: string; n: number }>(
      'select event_type, count(*)::int as n from product.outbox group by event_type',
    );
    expect(events).toEqual([{ event_type: 'product.created', n: 2 }]);
    const trickyOne = json.find((p: { slug: string }) => p.slug === 'tricky-sandal');
    expect((await target.anonymous('GET', '/api/v1/products/tricky-sandal')).body.title).toBe(
      trickyOne.title,
    );
  });

  it('round-trips through CSV into an empty catalog', async () => {
    const csv = (await exported(source, 'csv')).text;
    await target.sql(
      `delete from product.product_skus; delete from product.outbox; delete from product.products`,
    );
    const imported = await target.admin('POST', '/api/v1/products/import', csv, {
      'content-type': 'text/csv',
    });
    expect(imported.status).toBe(201);
    expect(imported.body.products.map((p: { row: number }) => p.row).sort()).toEqual([2, 4]);
    expect((await exported(target, 'csv')).text.split('\r\n').slice(1).sort()).toEqual(
      csv.split('\r\n').slice(1).sort(),
    );
  });

  it('reports every bad row and imports nothing (all or nothing)', async () => {
    const csv = [
      'slug,title,sku,priceMinor,currency,categorySlug,option1Name,option1Value',
      'good-one,Good,GOOD-1,1000,EUR,shoes,,',
      'bad-price,Bad,BAD-1,12.50,EUR,,,',
      'bad-price,Bad,BAD-2,1000,EUR,,,',
      'nowhere,Lost,LOST-1,1000,EUR,nowhere,,',
      'twin-sku,Twin,GOOD-1,1000,EUR,,,',
      'Bad Slug,Spaces,SP-1,1000,usd,,,',
      'tricky-sandal,Taken,TAKEN-1,1000,EUR,,,',
    ].join('\n');
    const refused = await target.admin('POST', '/api/v1/products/import', csv, {
      'content-type': 'text/csv',
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'IMPORT_INVALID']);
    const rows = refused.body.errors.map((e: { row: number; path: string }) => `${e.row} ${e.path}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        '3 /variants/0/priceMinor',
        '6 /variants/0/sku',
        '5 /categorySlug',
        '7 /slug',
        '7 /variants/0/currency',
      ]),
    );
    expect(rows).not.toContain(expect.stringMatching(/^2 /));
    expect((await target.admin('GET', '/api/v1/products/good-one')).status).toBe(404);

    // Conflicts with the catalog only show once written: still nothing is kept.
    const conflict = await target.admin('POST', '/api/v1/products/import', [
      sandal('fresh'),
      sandal('again', { slug: 'tricky-sandal' }),
    ]);
    expect([conflict.status, conflict.body.errors]).toEqual([
      422,
      [{ row: 2, path: '/slug', message: 'another product has this slug' }],
    ]);
    expect((await target.admin('GET', '/api/v1/products/fresh-sandal')).status).toBe(404);

    const header = await target.admin('POST', '/api/v1/products/import', 'slug,price\nx,1', {
      'content-type': 'text/csv',
    });
    expect(header.body.errors[0].message).toMatch(
      /unknown columns: price; missing columns: title, sku, priceMinor, currency/,
    );
    expect((await target.admin('POST', '/api/v1/products/import', { not: 'a list' })).status).toBe(400);
    expect((await target.admin('POST', '/api/v1/products/import', [])).body.code).toBe('IMPORT_INVALID');
  });
});

/** Exports list products by id, which differ between shops: compare them by slug. */
const bySlug = (items: Array<{ slug: string }>) => [...items].sort((a, b) => a.slug.localeCompare(b.slug));
