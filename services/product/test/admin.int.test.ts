import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productService } from '../src/service.js';

let service: TestService;
let send: ReturnType<typeof httpClient>;

beforeAll(async () => {
  service = await startTestService(productService);
  send = httpClient(service.url);
});
afterAll(async () => {
  await service?.stop();
});

const sandal = (overrides: Record<string, unknown> = {}) => ({
  slug: 'trail-sandal',
  categorySlug: 'sandals',
  title: 'Trail Sandal',
  description: 'A sandal for rough paths.',
  brand: 'Acme',
  productType: 'Shoes',
  tags: ['summer'],
  options: [{ name: 'Size', values: ['40', '41'] }],
  variants: [
    {
      sku: 'TS-40',
      title: '40',
      options: { Size: '40' },
      priceMinor: 4_900,
      compareAtMinor: 5_900,
      currency: 'EUR',
    },
    {
      sku: 'TS-41',
      title: '41',
      options: { Size: '41' },
      priceMinor: 4_500,
      compareAtMinor: null,
      currency: 'EUR',
    },
  ],
  ...overrides,
});

describe('categories (admin)', () => {
  it('creates a tree by parent slug and serves it nested', async () => {
    const root = await send('POST', '/api/v1/categories', { slug: 'shoes', name: 'Shoes' });
    expect(root.status).toBe(201);
    expect(root.body).toMatchObject({ slug: 'shoes', path: ['shoes'], position: 0 });
    await send('POST', '/api/v1/categories', { slug: 'boots', name: 'Boots', parentSlug: 'shoes' });
    const child = await send('POST', '/api/v1/categories', {
      slug: 'sandals',
      name: 'Sandals',
      parentSlug: 'shoes',
    });
    expect(child.body).toMatchObject({ path: ['shoes', 'sandals'], position: 1 });
    await send('POST', '/api/v1/categories', {
      slug: 'flip-flops',
      name: 'Flip-flops',
      parentSlug: 'sandals',
    });

    const tree = (await send('GET', '/api/v1/categories')).body.items;
    expect(tree).toHaveLength(1);
    expect(tree[0].children.map((c: { slug: string }) => c.slug)).toEqual(['boots', 'sandals']);
    expect(tree[0].children[1].children[0]).toMatchObject({
      slug: 'flip-flops',
      path: ['shoes', 'sandals', 'flip-flops'],
      children: [],
    });
  });

  it('refuses duplicates, unknown parents and bad slugs', async () => {
    expect((await send('POST', '/api/v1/categories', { slug: 'shoes', name: 'Again' })).body.code).toBe(
      'CATEGORY_SLUG_TAKEN',
    );
    const orphan = await send('POST', '/api/v1/categories', { slug: 'x', name: 'X', parentSlug: 'nope' });
    expect([orphan.status, orphan.body.code]).toEqual([404, 'CATEGORY_NOT_FOUND']);
    expect((await send('POST', '/api/v1/categories', { slug: 'Bad Slug', name: 'X' })).status).toBe(400);
  });
});

describe('products (admin)', () => {
  it('creates a draft product, readable by slug but not listed as active', async () => {
    const created = await send('POST', '/api/v1/products', sandal());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'trail-sandal',
      status: 'draft',
      category: { slug: 'sandals', name: 'Sandals' },
      priceMinMinor: 4_500,
      currency: 'EUR',
      rating: { count: 0, average: 0 },
      imageUrl: null,
    });
    expect(created.headers.get('location')).toBe(`/api/v1/products/${created.body.id}`);
    expect((await send('GET', '/api/v1/products/trail-sandal')).body.id).toBe(created.body.id);
    expect((await send('GET', '/api/v1/products?category=shoes')).body.items).toEqual([]);
    const drafts = (await send('GET', '/api/v1/products?category=shoes&status=draft')).body.items;
    expect(drafts.map((p: { slug: string }) => p.slug)).toEqual(['trail-sandal']);
    expect((await send('GET', '/api/v1/products/by-sku/TS-41')).body).toMatchObject({ priceMinor: 4_500 });
  });

  it('lists an active product under its ancestors', async () => {
    const body = sandal({ slug: 'beach-flip-flop', categorySlug: 'flip-flops', status: 'active' });
    body.variants = body.variants.map((v) => ({ ...v, sku: `BF-${v.title}` }));
    expect((await send('POST', '/api/v1/products', body)).status).toBe(201);
    const listed = (await send('GET', '/api/v1/products?category=shoes')).body.items;
    expect(listed.map((p: { slug: string }) => p.slug)).toEqual(['beach-flip-flop']);
  });

  it('refuses taken slugs and SKUs with 409 and changes nothing', async () => {
    expect((await send('POST', '/api/v1/products', sandal())).body.code).toBe('PRODUCT_SLUG_TAKEN');
    const skuTaken = await send('POST', '/api/v1/products', sandal({ slug: 'other-sandal' }));
    expect([skuTaken.status, skuTaken.body.code, skuTaken.body.skus]).toEqual([
      409,
      'SKU_TAKEN',
      ['TS-40', 'TS-41'],
    ]);
    expect((await send('GET', '/api/v1/products/other-sandal')).status).toBe(404);
  });

  it('validates the document: schema (400), consistency (422), category (404)', async () => {
    const missing = await send('POST', '/api/v1/products', { ...sandal({ slug: 'x1' }), variants: [] });
    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await send('POST', '/api/v1/products', sandal({ slug: 'x2', admin: true }))).status).toBe(400);
    const negative = sandal({ slug: 'x3' });
    negative.variants[0]!.priceMinor = -1;
    expect((await send('POST', '/api/v1/products', negative)).status).toBe(400);

    const inconsistent = sandal({ slug: 'x4' });
    inconsistent.variants[1]!.options = { Size: '40' };
    inconsistent.variants[1]!.currency = 'USD';
    const rejected = await send('POST', '/api/v1/products', inconsistent);
    expect([rejected.status, rejected.body.code]).toEqual([422, 'INVALID_PRODUCT']);
    expect(rejected.body.errors.map((e: { path: string }) => e.path)).toEqual([
      '/variants/1/options',
      '/variants',
    ]);

    const nowhere = await send('POST', '/api/v1/products', sandal({ slug: 'x5', categorySlug: 'nowhere' }));
    expect(nowhere.body.code).toBe('CATEGORY_NOT_FOUND');
    const count = (await send('GET', '/api/v1/products?status=draft&limit=100')).body.items.length;
    expect(count).toBe(1);
  });

  it('counts created products in its metrics and documents its routes', async () => {
    expect((await send('GET', '/metrics')).text).toMatch(/products_created_total\{[^}]*\} 2/);
    const openapi = (await send('GET', '/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/products', '/api/v1/products/{idOrSlug}', '/api/v1/categories']),
    );
  });
});
