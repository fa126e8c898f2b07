import { demoProductId } from '@emporium/contracts/demo/demo-ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoData } from './fixtures/demo-data.js';
import { type ProductUnderTest, type Send, startProduct } from './support/start-product.js';

let product: ProductUnderTest;
let send: Send;
const demo = demoData(40);
const products = demo.catalog.products;

beforeAll(async () => {
  product = await startProduct();
  send = product.anonymous;
  await product.service.instance.seedDemo!(demo, () => {});
});
afterAll(async () => {
  await product?.stop();
});

/** Every page of a listing, following nextCursor. */
async function walk(query: string, limit: number) {
  const pages: Array<{ id: string; priceMinMinor: number; slug: string }[]> = [];
  let cursor: string | null = null;
  do {
    const response = await send(
      'GET',
      `/api/v1/products?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(response.status).toBe(200);
    pages.push(response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor && pages.length < 100);
  return { pages, items: pages.flat() };
}

describe(`product listing on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database', async () => {
    const response = await send('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toContain('database');
  });

  it('pages newest first by keyset with no duplicates or gaps, ties broken by id', async () => {
    const { pages, items } = await walk('sort=newest', 7);
    expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 7, 7, 5]);
    const expected = products
      .map((p) => ({ id: demoProductId(p.sourceId), at: p.createdAt }))
      .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
      .map((p) => p.id);
    expect(items.map((item) => item.id)).toEqual(expected);
  });

  it('pages by price both ways', async () => {
    const ascending = (await walk('sort=price_asc', 9)).items;
    expect(new Set(ascending.map((item) => item.id)).size).toBe(products.length);
    const prices = ascending.map((item) => item.priceMinMinor);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const descending = (await walk('sort=price_desc', 11)).items;
    expect(descending.map((item) => item.id)).toEqual(ascending.map((item) => item.id).reverse());
  });

  it('filters by category including its descendants, and by title', async () => {
    const slugsIn = (categories: string[]) =>
      products
        .filter((p) => categories.includes(p.categorySlug))
        .map((p) => p.slug)
        .sort();
    const apparel = (await walk('category=apparel', 100)).items.map((item) => item.slug).sort();
    expect(apparel).toEqual(slugsIn(['apparel', 'apparel-shoes', 'apparel-shoes-sandals']));
    const shoes = (await walk('category=apparel-shoes', 4)).items.map((item) => item.slug).sort();
    expect(shoes).toEqual(slugsIn(['apparel-shoes', 'apparel-shoes-sandals']));
    const titled = (await send('GET', '/api/v1/products?q=product%2012')).body.items;
    expect(titled.map((item: { slug: string }) => item.slug)).toEqual(['product-0012']);
    const unknown = await send('GET', '/api/v1/products?category=nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CATEGORY_NOT_FOUND');
  });

  it('refuses bad cursors and limits with a 400 problem', async () => {
    for (const query of [
      'cursor=bm90LWEtY3Vyc29y',
      'cursor=!!',
      'limit=0',
      'limit=101',
      'sort=cheapest',
      'x=1',
    ]) {
      const response = await send('GET', `/api/v1/products?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const page = await send('GET', '/api/v1/products?sort=price_asc&limit=2');
    const crossed = await send('GET', `/api/v1/products?sort=newest&cursor=${page.body.nextCursor}`);
    expect(crossed.status).toBe(400);
  });
});

describe('product reads', () => {
  const first = products[5]!;
  const id = demoProductId(first.sourceId);

  it('finds a product by id and by slug, with its category and variants', async () => {
    const byId = await send('GET', `/api/v1/products/${id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      id,
      slug: first.slug,
      status: 'active',
      title: first.title,
      category: { slug: first.categorySlug },
      priceMinMinor: Math.min(...first.variants.map((v) => v.priceMinor)),
      currency: 'USD',
    });
    expect(byId.body.variants).toHaveLength(2);
    expect(byId.body.variants[0]).not.toHaveProperty('stock');
    expect((await send('GET', `/api/v1/products/${first.slug}`)).body).toEqual(byId.body);
  });

  it('prices a SKU for the order service', async () => {
    const variant = first.variants[1]!;
    const response = await send('GET', `/api/v1/products/by-sku/${variant.sku}`);
    expect(response.body).toEqual({
      productId: id,
      slug: first.slug,
      sku: variant.sku,
      title: first.title,
      variantTitle: variant.title,
      priceMinor: variant.priceMinor,
      compareAtMinor: null,
      currency: 'USD',
      status: 'active',
    });
    expect((await send('GET', '/api/v1/products/by-sku/NOPE-1')).body.code).toBe('SKU_NOT_FOUND');
  });

  it('answers unknown products with 404 PRODUCT_NOT_FOUND', async () => {
    for (const key of ['no-such-product', '0195f3a0-1111-7000-8000-000000000001']) {
      const response = await send('GET', `/api/v1/products/${key}`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('PRODUCT_NOT_FOUND');
    }
  });
});
