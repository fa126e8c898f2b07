import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sandal } from './support/products.js';
import { type ProductUnderTest, type Send, startProduct } from './support/start-product.js';

let product: ProductUnderTest;
let admin: Send;
let id: string;
let otherId: string;

beforeAll(async () => {
  product = await startProduct();
  admin = product.admin;
  await admin('POST', '/api/v1/categories', { slug: 'shoes', name: 'Shoes' });
  await admin('POST', '/api/v1/categories', { slug: 'sandals', name: 'Sandals', parentSlug: 'shoes' });
  await admin('POST', '/api/v1/categories', { slug: 'outdoor', name: 'Outdoor' });
  id = (await admin('POST', '/api/v1/products', sandal('trail', { categorySlug: 'sandals' }))).body.id;
  otherId = (await admin('POST', '/api/v1/products', sandal('beach', { status: 'active' }))).body.id;
});
afterAll(async () => {
  await product?.stop();
});

const eventsOf = async (subject: string) =>
  product.sql<{ event_type: string; sequence: number; data: Record<string, unknown> }>(
    `select event_type, sequence, envelope->'data' as data from product.outbox where aggregate_id = $1 order by sequence`,
    [subject],
  );

describe('PATCH /api/v1/products/:id', () => {
  it('changes only what is sent, and announces the full document after the change', async () => {
    const patched = await admin('PATCH', `/api/v1/products/${id}`, {
      title: 'Trail Sandal II',
      tags: ['summer', 'new'],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      title: 'Trail Sandal II',
      tags: ['summer', 'new'],
      brand: 'Acme',
      status: 'draft',
    });
    const events = await eventsOf(id);
    expect(events.map((e) => [e.event_type, e.sequence])).toEqual([
      ['product.created', 1],
      ['product.updated', 2],
    ]);
    expect(events[1]!.data).toMatchObject({
      title: 'Trail Sandal II',
      description: 'A sandal for rough paths.',
      categorySlugs: ['shoes', 'sandals'],
      variants: sandal('trail').variants,
      updatedAt: patched.body.updatedAt,
    });
  });

  it('adds, changes and removes variants: SKUs stay unique, removed ones are free again', async () => {
    const [v40, v41] = sandal('trail').variants;
    const options = [{ name: 'Size', values: ['40', '41', '42'] }];
    const v42 = { ...v41!, sku: 'BEACH-40', title: '42', options: { Size: '42' } };
    const taken = await admin('PATCH', `/api/v1/products/${id}`, { options, variants: [v40, v41, v42] });
    expect([taken.status, taken.body.code, taken.body.skus]).toEqual([409, 'SKU_TAKEN', ['BEACH-40']]);

    const changed = await admin('PATCH', `/api/v1/products/${id}`, {
      options,
      variants: [
        { ...v41!, priceMinor: 3_900 },
        { ...v42, sku: 'TRAIL-42' },
      ],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.variants.map((v: { sku: string }) => v.sku)).toEqual(['TRAIL-41', 'TRAIL-42']);
    expect(changed.body.priceMinMinor).toBe(3_900);
    expect((await admin('GET', '/api/v1/products/by-sku/TRAIL-40')).body.code).toBe('SKU_NOT_FOUND');
    expect((await admin('GET', '/api/v1/products/by-sku/TRAIL-42')).body.productId).toBe(id);

    // The released SKU can be sold by another product now.
    const beach = (await admin('GET', `/api/v1/products/${otherId}`)).body;
    const reuse = await admin('PATCH', `/api/v1/products/${otherId}`, {
      variants: [beach.variants[0], { ...beach.variants[1], sku: 'TRAIL-40' }],
    });
    expect(reuse.status).toBe(200);
    const inconsistent = await admin('PATCH', `/api/v1/products/${id}`, {
      options: [{ name: 'Colour', values: ['red'] }],
    });
    expect([inconsistent.status, inconsistent.body.code]).toEqual([422, 'INVALID_PRODUCT']);
  });

  it('moves between categories, refuses taken slugs, and writes nothing for a patch that changes nothing', async () => {
    const moved = await admin('PATCH', `/api/v1/products/${id}`, { categorySlug: 'outdoor' });
    expect(moved.body.category).toMatchObject({ slug: 'outdoor', path: ['outdoor'] });
    const uncategorised = await admin('PATCH', `/api/v1/products/${id}`, { categorySlug: null });
    expect(uncategorised.body.category).toBeNull();
    const clash = await admin('PATCH', `/api/v1/products/${id}`, { slug: 'beach-sandal' });
    expect([clash.status, clash.body.code]).toEqual([409, 'PRODUCT_SLUG_TAKEN']);
    const before = (await eventsOf(id)).length;
    const same = await admin('PATCH', `/api/v1/products/${id}`, { title: 'Trail Sandal II', brand: 'Acme' });
    expect(same.status).toBe(200);
    expect((await eventsOf(id)).length).toBe(before);
    expect((await admin('PATCH', `/api/v1/products/${id}`, {})).status).toBe(400);
    const unknown = await admin('PATCH', '/api/v1/products/0195f3a0-1111-7000-8000-000000000001', {
      title: 'x',
    });
    expect(unknown.body.code).toBe('PRODUCT_NOT_FOUND');
  });
});

describe('status and DELETE', () => {
  it('publishes, archives on DELETE with product.deleted, and keeps archived products read-only', async () => {
    expect((await admin('PATCH', `/api/v1/products/${id}`, { status: 'active' })).body.status).toBe('active');
    expect((await product.anonymous('GET', `/api/v1/products/${id}`)).status).toBe(200);

    const deleted = await admin('DELETE', `/api/v1/products/${id}`);
    expect(deleted.status).toBe(204);
    expect((await admin('GET', `/api/v1/products/${id}`)).body.status).toBe('archived');
    expect((await product.anonymous('GET', `/api/v1/products/${id}`)).status).toBe(404);
    const events = await eventsOf(id);
    expect(events.slice(-2).map((e) => e.event_type)).toEqual(['product.updated', 'product.deleted']);
    expect(events.at(-1)!.data).toEqual({
      id,
      slug: 'trail-sandal',
      skus: ['TRAIL-41', 'TRAIL-42'],
      deletedAt: expect.any(String),
    });

    expect((await admin('DELETE', `/api/v1/products/${id}`)).status).toBe(204);
    expect((await eventsOf(id)).length).toBe(events.length);
    const edit = await admin('PATCH', `/api/v1/products/${id}`, { title: 'Back' });
    expect([edit.status, edit.body.code]).toEqual([409, 'PRODUCT_ARCHIVED']);
    const reactivate = await admin('PATCH', `/api/v1/products/${id}`, { status: 'active' });
    expect([reactivate.status, reactivate.body.code]).toEqual([409, 'INVALID_STATUS_TRANSITION']);
    expect((await admin('PATCH', `/api/v1/products/${id}`, { status: 'draft' })).body.status).toBe('draft');
    expect((await admin('DELETE', '/api/v1/products/0195f3a0-1111-7000-8000-000000000001')).status).toBe(404);
  });

  it('relays every event to the broker', async () => {
    await vi.waitFor(
      async () => {
        const [row] = await product.sql<{ n: number }>(
          'select count(*)::int as n from product.outbox where published_at is null',
        );
        const n = row?.n;
        expect(n).toBe(0);
      },
      { timeout: 5_000, interval: 100 },
    );
  });
});

describe('category changes', () => {
  it('re-announces the products of a renamed or moved category with their new path', async () => {
    const sandals = (await admin('GET', '/api/v1/categories')).body.items
      .find((c: { slug: string }) => c.slug === 'shoes')
      .children.find((c: { slug: string }) => c.slug === 'sandals');
    await admin('PATCH', `/api/v1/products/${otherId}`, { categorySlug: 'sandals' });
    const before = (await eventsOf(otherId)).length;

    const moved = await admin('PATCH', `/api/v1/categories/${sandals.id}`, {
      parentSlug: 'outdoor',
      name: 'Summer sandals',
    });
    expect(moved.body).toMatchObject({
      slug: 'sandals',
      name: 'Summer sandals',
      path: ['outdoor', 'sandals'],
      position: 0,
    });
    const events = await eventsOf(otherId);
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)!.data).toMatchObject({
      categorySlugs: ['outdoor', 'sandals'],
      category: { slug: 'sandals', name: 'Summer sandals' },
    });
    expect((await product.anonymous('GET', `/api/v1/products/${otherId}`)).body.category.path).toEqual([
      'outdoor',
      'sandals',
    ]);
    const listed = (await product.anonymous('GET', '/api/v1/products?category=outdoor')).body.items;
    expect(listed.map((p: { id: string }) => p.id)).toEqual([otherId]);

    const outdoor = (await admin('GET', '/api/v1/categories')).body.items.find(
      (c: { slug: string }) => c.slug === 'outdoor',
    );
    const cycle = await admin('PATCH', `/api/v1/categories/${outdoor.id}`, { parentSlug: 'sandals' });
    expect([cycle.status, cycle.body.code]).toEqual([409, 'CATEGORY_CYCLE']);
    const taken = await admin('PATCH', `/api/v1/categories/${outdoor.id}`, { slug: 'shoes' });
    expect([taken.status, taken.body.code]).toEqual([409, 'CATEGORY_SLUG_TAKEN']);
    const renamed = await admin('PATCH', `/api/v1/categories/${outdoor.id}`, { slug: 'outside' });
    expect(renamed.body.path).toEqual(['outside']);
    expect((await eventsOf(otherId)).at(-1)!.data.categorySlugs).toEqual(['outside', 'sandals']);
  });

  it('refuses to delete a category with products or subcategories, deletes an empty one', async () => {
    const tree = (await admin('GET', '/api/v1/categories')).body.items;
    const outside = tree.find((c: { slug: string }) => c.slug === 'outside');
    const sandals = outside.children[0];
    const shoes = tree.find((c: { slug: string }) => c.slug === 'shoes');
    const withChildren = await admin('DELETE', `/api/v1/categories/${outside.id}`);
    expect([withChildren.status, withChildren.body.code]).toEqual([409, 'CATEGORY_NOT_EMPTY']);
    const withProducts = await admin('DELETE', `/api/v1/categories/${sandals.id}`);
    expect([withProducts.status, withProducts.body.products]).toEqual([409, 1]);
    expect((await admin('DELETE', `/api/v1/categories/${shoes.id}`)).status).toBe(204);
    expect(
      (await admin('GET', '/api/v1/categories')).body.items.map((c: { slug: string }) => c.slug),
    ).toEqual(['outside']);
    expect((await admin('DELETE', `/api/v1/categories/${shoes.id}`)).body.code).toBe('CATEGORY_NOT_FOUND');
  });
});
