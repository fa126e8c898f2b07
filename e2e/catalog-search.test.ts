import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogPlatform, pollUntil, startCatalogPlatform } from './support/catalog-platform.js';

/**
 * Issue 5 through the gateway on the embedded platform: what a catalog
 * manager writes reaches the shoppers' search within a second (product
 * events through the outbox and the in-process broker), with typo
 * tolerance, facet counts and listing by category; only catalog managers
 * write the catalog.
 */
let shop: CatalogPlatform;

beforeAll(async () => {
  shop = await startCatalogPlatform();
  // A small known tree: audio > headphones > in-ear, and an unrelated kitchen.
  for (const category of [
    { slug: 'audio', name: 'Audio' },
    { slug: 'headphones', name: 'Headphones', parentSlug: 'audio' },
    { slug: 'in-ear', name: 'In-ear', parentSlug: 'headphones' },
    { slug: 'kitchen', name: 'Kitchen' },
  ]) {
    const created = await shop.admin('POST', '/api/v1/categories', category);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await shop?.stop();
});

const variant = (sku: string, priceMinor: number, colour: string) => ({
  sku,
  title: colour,
  options: { Colour: colour },
  priceMinor,
  compareAtMinor: null,
  currency: 'USD',
});

function product(slug: string, title: string, brand: string, categorySlug: string, variants: unknown[]) {
  return {
    slug,
    status: 'active',
    categorySlug,
    title,
    description: `${title}, for the end-to-end suite.`,
    brand,
    options: [{ name: 'Colour', values: ['Black', 'White'] }],
    variants,
  };
}

async function create(body: ReturnType<typeof product>) {
  const created = await shop.admin('POST', '/api/v1/products', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; slug: string };
}

const search = async (query: string) => {
  const response = await shop.anonymous('GET', `/api/v1/search?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as {
    hits: Array<{ productId: string; title: string; priceMinMinor: number }>;
    total: number;
    matchMode: string;
    facets: {
      brand: Array<{ value: string; count: number }>;
      category: Array<{ value: string; count: number; parent: string | null; depth: number }>;
      price: Array<{ fromMinor: number; toMinor: number | null; count: number }>;
      attributes: Array<{ name: string; values: Array<{ value: string; count: number }> }>;
      availability: { inStock: number; outOfStock: number };
    };
  };
};
/** Where a product's creation spent its time on the way to the index: for a failure's message. */
async function eventPath(productId: string): Promise<string> {
  const { rows } = await shop.database.query(
    `select o.created_at, i.received_at, i.processed_at
       from product.outbox o left join search.inbox i on i.event_id = o.event_id::text
      where o.aggregate_id = $1 and o.event_type = 'product.created'`,
    [productId],
  );
  const row = rows[0];
  if (!row) return 'no product.created in the outbox';
  const ms = (from: Date | null, to: Date | null) =>
    from && to ? `${to.getTime() - from.getTime()} ms` : 'never';
  return `committed → in search's inbox (relay, broker) ${ms(row.created_at, row.received_at)}, → indexed ${ms(row.received_at, row.processed_at)}`;
}
const ids = (body: { hits: Array<{ productId: string }> }) => body.hits.map((hit) => hit.productId);
const counts = (values: Array<{ value: string; count: number }>) =>
  Object.fromEntries(values.map(({ value, count }) => [value, count]));

describe('the catalog through the gateway', () => {
  it('refuses product writes to customers (403) and to anonymous callers (401)', async () => {
    const body = product('not-allowed', 'Not Allowed', 'Nobody', 'audio', [variant('NOPE-1', 100, 'Black')]);
    const byCustomer = await shop.customer('POST', '/api/v1/products', body);
    expect(byCustomer.status).toBe(403);
    expect(byCustomer.headers.get('content-type')).toMatch(/problem\+json/);
    expect(byCustomer.body.code).toBe('FORBIDDEN');
    const anonymously = await shop.anonymous('POST', '/api/v1/products', body);
    expect(anonymously.status).toBe(401);
    expect(anonymously.body.code).toBe('UNAUTHENTICATED');
    // A customer holding a token still cannot edit or delete, nor write categories.
    expect(
      (await shop.customer('DELETE', '/api/v1/products/0194f1c2-5a0b-7c3d-8e4f-000000000001')).status,
    ).toBe(403);
    expect((await shop.customer('POST', '/api/v1/categories', { slug: 'x', name: 'X' })).status).toBe(403);
    // Search administration is refused at the edge too.
    expect((await shop.customer('GET', '/api/v1/search/synonyms')).status).toBe(403);
    expect((await shop.anonymous('POST', '/api/v1/search/reindex')).status).toBe(401);
    // Nothing was written.
    expect((await shop.anonymous('GET', '/api/v1/products/not-allowed')).status).toBe(404);
  });

  it('finds a product an admin just created by a misspelled word within a second', async () => {
    const started = performance.now();
    const created = await create(
      product('aurora-studio-headphones', 'Aurora Studio Headphones', 'Aurora', 'headphones', [
        variant('AUR-HP-BLK', 8_999, 'Black'),
        variant('AUR-HP-WHT', 9_999, 'White'),
      ]),
    );
    // Polled past the deadline so that a miss says by how much, and where the time went.
    const found = await pollUntil(
      () => search('q=hedphones'),
      (body) => ids(body).includes(created.id),
      { timeoutMs: 5_000, since: started },
    );
    expect(found.met, `not found within 5 s: ${JSON.stringify(found.value)}`).toBe(true);
    expect(found.elapsedMs, await eventPath(created.id)).toBeLessThan(1_000);
    expect(found.value.matchMode).toBe('fuzzy');
    expect(found.value.hits[0]).toMatchObject({ productId: created.id, title: 'Aurora Studio Headphones' });
  });

  it('counts facets over a known set, and the counts follow stock changes', async () => {
    await create(
      product('aurora-wireless-earbuds', 'Aurora Wireless Earbuds', 'Aurora', 'in-ear', [
        variant('AUR-EB-BLK', 4_999, 'Black'),
      ]),
    );
    await create(
      product('boreal-desk-speaker', 'Boreal Desk Speaker', 'Boreal', 'audio', [
        variant('BOR-SP-WHT', 15_000, 'White'),
      ]),
    );
    await create(
      product('boreal-kettle', 'Boreal Kettle', 'Boreal', 'kitchen', [variant('BOR-KT-WHT', 3_000, 'White')]),
    );
    // The set: the headphones (earlier test), the earbuds and the speaker under audio; the kettle elsewhere.
    const audio = await pollUntil(
      () => search('category=audio'),
      (body) => body.total === 3,
      { timeoutMs: 5_000 },
    );
    expect(audio.value.total).toBe(3);
    const { facets } = audio.value;
    expect(counts(facets.brand)).toEqual({ Aurora: 2, Boreal: 1 });
    // A product counts under its category and each ancestor.
    expect(counts(facets.category)).toEqual({ audio: 3, headphones: 2, 'in-ear': 1 });
    expect(facets.category.find((c) => c.value === 'in-ear')).toMatchObject({
      parent: 'headphones',
      depth: 2,
    });
    // On the lowest variant price: 49.99, 89.99 and 150.00.
    expect(facets.price.filter((range) => range.count > 0)).toEqual([
      { fromMinor: 2_500, toMinor: 5_000, count: 1 },
      { fromMinor: 5_000, toMinor: 10_000, count: 1 },
      { fromMinor: 10_000, toMinor: 20_000, count: 1 },
    ]);
    const colour = facets.attributes.find((attribute) => attribute.name === 'colour');
    expect(counts(colour?.values ?? [])).toEqual({ Black: 2, White: 2 });
    expect(facets.availability).toEqual({ inStock: 0, outOfStock: 3 });

    // Filters combine; the facets count the filtered set.
    const aurora = await search('category=audio&brand=Aurora&attr.colour=White');
    expect(aurora.total).toBe(1);
    expect(aurora.hits[0]?.title).toBe('Aurora Studio Headphones');

    // Stock arrives for the earbuds: the availability counts change.
    expect((await shop.admin('POST', '/api/v1/warehouses', { id: 'e2e-catalog', name: 'E2E' })).status).toBe(
      201,
    );
    const stocked = await shop.admin('PUT', '/api/v1/inventory/AUR-EB-BLK/warehouses/e2e-catalog', {
      onHand: 7,
    });
    expect(stocked.status).toBe(200);
    const changed = await pollUntil(
      () => search('category=audio'),
      (body) => body.facets.availability.inStock === 1,
      { timeoutMs: 5_000 },
    );
    expect(changed.value.facets.availability).toEqual({ inStock: 1, outOfStock: 2 });
    expect(ids(await search('category=audio&inStock=true'))).toHaveLength(1);
  });

  it('lists a category with its descendants, and nothing outside it', async () => {
    const slugsOf = async (category: string) => {
      const page = await shop.anonymous('GET', `/api/v1/products?category=${category}&limit=50`);
      expect(page.status).toBe(200);
      return (page.body.items as Array<{ slug: string }>).map((item) => item.slug).sort();
    };
    expect(await slugsOf('audio')).toEqual([
      'aurora-studio-headphones',
      'aurora-wireless-earbuds',
      'boreal-desk-speaker',
    ]);
    expect(await slugsOf('headphones')).toEqual(['aurora-studio-headphones', 'aurora-wireless-earbuds']);
    expect(await slugsOf('in-ear')).toEqual(['aurora-wireless-earbuds']);
    expect(await slugsOf('kitchen')).toEqual(['boreal-kettle']);
    // Keyset pages cover the same set, each once.
    const first = await shop.anonymous('GET', '/api/v1/products?category=audio&limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await shop.anonymous(
      'GET',
      `/api/v1/products?category=audio&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const paged = [...first.body.items, ...second.body.items]
      .map((item: { slug: string }) => item.slug)
      .sort();
    expect(paged).toEqual(await slugsOf('audio'));
    expect((await shop.anonymous('GET', '/api/v1/products?category=no-such-category')).status).toBe(404);
  });

  it('carries an update to search, and a deletion out of it', async () => {
    const created = await create(
      product('nimbus-travel-mug', 'Nimbus Travel Mug', 'Nimbus', 'kitchen', [
        variant('NIM-MUG', 1_500, 'Black'),
      ]),
    );
    expect(
      (
        await pollUntil(
          () => search('q=mug'),
          (body) => ids(body).includes(created.id),
          { timeoutMs: 2_000 },
        )
      ).met,
    ).toBe(true);

    const renamed = await shop.admin('PATCH', `/api/v1/products/${created.id}`, {
      title: 'Nimbus Insulated Flask',
      description: 'Keeps coffee hot for twelve hours.',
      variants: [variant('NIM-MUG', 2_700, 'Black')],
    });
    expect(renamed.status).toBe(200);
    const updated = await pollUntil(
      () => search('q=flask'),
      (body) => ids(body).includes(created.id),
      { timeoutMs: 5_000 },
    );
    expect(updated.met, 'the update did not reach search within 5 s').toBe(true);
    expect(updated.value.hits.find((hit) => hit.productId === created.id)).toMatchObject({
      title: 'Nimbus Insulated Flask',
      priceMinMinor: 2_700,
    });
    // The old words no longer match, and the old title is nowhere.
    const old = await search('q=mug');
    expect(old.matchMode).not.toBe('fulltext');
    expect(old.hits.some((hit) => hit.title === 'Nimbus Travel Mug')).toBe(false);

    expect((await shop.admin('DELETE', `/api/v1/products/${created.id}`)).status).toBe(204);
    const gone = await pollUntil(
      () => search('q=flask'),
      (body) => !ids(body).includes(created.id),
      { timeoutMs: 5_000 },
    );
    expect(gone.met, 'the deletion did not reach search within 5 s').toBe(true);
    expect((await search('q=nimbus')).total).toBe(0);
    expect((await shop.anonymous('GET', `/api/v1/products/${created.id}`)).status).toBe(404);
  });
});
