import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandal } from './support/products.js';
import { type ProductUnderTest, type Send, startProduct } from './support/start-product.js';

let product: ProductUnderTest;
let admin: Send;

beforeAll(async () => {
  product = await startProduct();
  admin = product.admin;
});
afterAll(async () => {
  await product?.stop();
});

const outboxOf = (subject: string) =>
  product.sql<{ event_type: string; envelope: { data: Record<string, unknown> } }>(
    'select event_type, envelope from product.outbox where aggregate_id = $1 order by sequence',
    [subject],
  );

describe('categories (admin)', () => {
  it('creates a tree by parent slug and serves it nested', async () => {
    const root = await admin('POST', '/api/v1/categories', { slug: 'shoes', name: 'Shoes' });
    expect(root.status).toBe(201);
    expect(root.body).toMatchObject({ slug: 'shoes', path: ['shoes'], position: 0 });
    await admin('POST', '/api/v1/categories', { slug: 'boots', name: 'Boots', parentSlug: 'shoes' });
    const child = await admin('POST', '/api/v1/categories', {
      slug: 'sandals',
      name: 'Sandals',
      parentSlug: 'shoes',
    });
    expect(child.body).toMatchObject({ path: ['shoes', 'sandals'], position: 1 });
    await admin('POST', '/api/v1/categories', {
      slug: 'flip-flops',
      name: 'Flip-flops',
      parentSlug: 'sandals',
    });

    const tree = (await product.anonymous('GET', '/api/v1/categories')).body.items;
    expect(tree).toHaveLength(1);
    expect(tree[0].children.map((c: { slug: string }) => c.slug)).toEqual(['boots', 'sandals']);
    expect(tree[0].children[1].children[0]).toMatchObject({
      slug: 'flip-flops',
      path: ['shoes', 'sandals', 'flip-flops'],
      children: [],
    });
  });

  it('refuses duplicates, unknown parents and bad slugs', async () => {
    expect((await admin('POST', '/api/v1/categories', { slug: 'shoes', name: 'Again' })).body.code).toBe(
      'CATEGORY_SLUG_TAKEN',
    );
    const orphan = await admin('POST', '/api/v1/categories', { slug: 'x', name: 'X', parentSlug: 'nope' });
    expect([orphan.status, orphan.body.code]).toEqual([404, 'CATEGORY_NOT_FOUND']);
    expect((await admin('POST', '/api/v1/categories', { slug: 'Bad Slug', name: 'X' })).status).toBe(400);
  });
});

describe('products (admin)', () => {
  it('creates a draft product that only catalog managers can see, announced with its full document', async () => {
    const created = await admin('POST', '/api/v1/products', sandal('trail', { categorySlug: 'sandals' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'trail-sandal',
      status: 'draft',
      category: { slug: 'sandals', name: 'Sandals', path: ['shoes', 'sandals'] },
      priceMinMinor: 4_500,
      currency: 'EUR',
      rating: { count: 0, average: 0 },
      images: [],
      imageUrl: null,
    });
    expect(created.headers.get('location')).toBe(`/api/v1/products/${created.body.id}`);
    expect((await admin('GET', '/api/v1/products/trail-sandal')).body.id).toBe(created.body.id);
    expect((await product.anonymous('GET', '/api/v1/products/trail-sandal')).body.code).toBe(
      'PRODUCT_NOT_FOUND',
    );
    expect((await product.anonymous('GET', '/api/v1/products?category=shoes')).body.items).toEqual([]);
    expect((await product.anonymous('GET', '/api/v1/products?status=draft')).status).toBe(403);
    const drafts = (await admin('GET', '/api/v1/products?category=shoes&status=draft')).body.items;
    expect(drafts.map((p: { slug: string }) => p.slug)).toEqual(['trail-sandal']);

    const events = await outboxOf(created.body.id);
    expect(events.map((e) => e.event_type)).toEqual(['product.created']);
    expect(events[0]!.envelope.data).toEqual({
      id: created.body.id,
      slug: 'trail-sandal',
      title: 'Trail Sandal',
      description: 'A sandal for rough paths.',
      brand: 'Acme',
      categorySlugs: ['shoes', 'sandals'],
      category: { id: expect.any(String), slug: 'sandals', name: 'Sandals', path: ['shoes', 'sandals'] },
      tags: ['summer'],
      status: 'draft',
      productType: 'Shoes',
      options: [{ name: 'Size', values: ['40', '41'] }],
      variants: sandal().variants,
      imageUrl: null,
      images: [],
      rating: { count: 0, average: 0 },
      createdAt: created.body.createdAt,
      updatedAt: created.body.updatedAt,
    });
  });

  it('lists an active product under its ancestors', async () => {
    const body = sandal('beach', { slug: 'beach-flip-flop', categorySlug: 'flip-flops', status: 'active' });
    expect((await admin('POST', '/api/v1/products', body)).status).toBe(201);
    const listed = (await product.anonymous('GET', '/api/v1/products?category=shoes')).body.items;
    expect(listed.map((p: { slug: string }) => p.slug)).toEqual(['beach-flip-flop']);
  });

  it('refuses taken slugs and SKUs with 409, and writes no product and no event', async () => {
    expect((await admin('POST', '/api/v1/products', sandal())).body.code).toBe('PRODUCT_SLUG_TAKEN');
    const skuTaken = await admin('POST', '/api/v1/products', sandal('trail', { slug: 'other-sandal' }));
    expect([skuTaken.status, skuTaken.body.code, skuTaken.body.skus]).toEqual([
      409,
      'SKU_TAKEN',
      ['TRAIL-40', 'TRAIL-41'],
    ]);
    expect((await admin('GET', '/api/v1/products/other-sandal')).status).toBe(404);
    const [row] = await product.sql<{ n: number }>(`select count(*)::int as n from product.outbox`);
    const n = row?.n;
    expect(n).toBe(2);
  });

  it('validates the document: schema (400), consistency (422), category (404)', async () => {
    const missing = await admin('POST', '/api/v1/products', { ...sandal('x1'), variants: [] });
    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await admin('POST', '/api/v1/products', sandal('x2', { admin: true }))).status).toBe(400);
    expect(
      (await admin('POST', '/api/v1/products', sandal('x6', { imageUrl: 'javascript:alert(1)' }))).status,
    ).toBe(400);
    const negative = sandal('x3');
    negative.variants[0]!.priceMinor = -1;
    expect((await admin('POST', '/api/v1/products', negative)).status).toBe(400);

    const inconsistent = sandal('x4');
    inconsistent.variants[1]!.options = { Size: '40' };
    inconsistent.variants[1]!.currency = 'USD';
    const rejected = await admin('POST', '/api/v1/products', inconsistent);
    expect([rejected.status, rejected.body.code]).toEqual([422, 'INVALID_PRODUCT']);
    expect(rejected.body.errors.map((e: { path: string }) => e.path)).toEqual([
      '/variants/1/options',
      '/variants',
    ]);
    expect((await admin('POST', '/api/v1/products', sandal('x7', { slug: 'export' }))).status).toBe(422);

    const nowhere = await admin('POST', '/api/v1/products', sandal('x5', { categorySlug: 'nowhere' }));
    expect(nowhere.body.code).toBe('CATEGORY_NOT_FOUND');
    expect((await admin('GET', '/api/v1/products?status=draft&limit=100')).body.items).toHaveLength(1);
  });

  it('lets only catalog managers write: anonymous 401, customer 403, before the body is read', async () => {
    const customer = await product.customer('customer-1');
    const attempts: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/products', sandal('c1')],
      ['POST', '/api/v1/products', { not: 'even valid' }],
      ['PATCH', '/api/v1/products/0195f3a0-1111-7000-8000-000000000001', { title: 'x' }],
      ['DELETE', '/api/v1/products/0195f3a0-1111-7000-8000-000000000001', undefined],
      ['POST', '/api/v1/categories', { slug: 'c1', name: 'C1' }],
      ['POST', '/api/v1/products/import', []],
      ['GET', '/api/v1/products/export', undefined],
    ];
    for (const [method, path, body] of attempts) {
      const forbidden = await customer(method, path, body);
      expect([forbidden.status, forbidden.body.code], `${method} ${path}`).toEqual([403, 'FORBIDDEN']);
      expect((await product.anonymous(method, path, body)).status, `${method} ${path}`).toBe(401);
    }
    const manager = await product.service.identity.bearer({ sub: 'cm-1', roles: ['catalog_manager'] });
    expect((await product.anonymous('POST', '/api/v1/products', sandal('cm'), manager)).status).toBe(201);
  });

  it('counts created products in its metrics and documents its routes', async () => {
    expect((await admin('GET', '/metrics')).text).toMatch(/products_created_total\{[^}]*\} 3/);
    const openapi = (await admin('GET', '/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/products',
        '/api/v1/products/{idOrSlug}',
        '/api/v1/products/{id}',
        '/api/v1/products/{id}/images',
        '/api/v1/products/{id}/reviews',
        '/api/v1/categories',
        '/api/v1/categories/{id}',
      ]),
    );
  });
});
