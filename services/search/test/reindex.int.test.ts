import { httpClient } from '@emporium/platform/testing/http';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresSearchEngine } from '../src/db/postgres-search-engine.js';
import * as schema from '../src/db/schema.js';
import type { SearchDocument } from '../src/domain/search-document.js';
import { allProducts, demoData } from './fixtures/demo-data.js';
import { type SearchWithProduct, startSearchWithProduct } from './support/search-with-product.js';

let bed: SearchWithProduct;
let shopper: ReturnType<typeof httpClient>;
let manager: ReturnType<typeof httpClient>;
let pool: pg.Pool;
const pageSize = 7;

beforeAll(async () => {
  // Small pages, so a rebuild follows the catalog's cursor across several.
  bed = await startSearchWithProduct({ REINDEX_PAGE_SIZE: String(pageSize) });
  shopper = httpClient(bed.search.url);
  manager = httpClient(
    bed.search.url,
    await bed.identity.bearer({ sub: 'cm-1', roles: ['catalog_manager'] }),
  );
  // Each service seeds its own part of the same demo catalog, as `npm start` does.
  await bed.product.instance.seedDemo!(demoData(), () => {});
  await bed.search.instance.seedDemo!(demoData(), () => {});
  pool = new pg.Pool({ connectionString: bed.database.url, max: 2 });
  // The product service announces its seeded products: let search take them all in first.
  await drained();
}, 180_000);
afterAll(async () => {
  await pool?.end();
  await bed?.stop();
});

/** Every event the product service wrote is published, and search has handled all it received. */
async function drained() {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await pool.query(`select
      (select count(*)::int from product.outbox where published_at is null) as unsent,
      (select count(*)::int from search.inbox where status = 'pending') as pending`);
    if (rows[0].unsent === 0 && rows[0].pending === 0) return;
    if (Date.now() > deadline) throw new Error(`events not drained: ${JSON.stringify(rows[0])}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What shoppers see for a spread of searches: hits, totals and facets (not the log id). */
const probes = [
  'q=zephyr',
  'q=cotton&limit=100',
  'q=summer',
  'q=sandels',
  'q=living',
  'sort=newest&limit=100',
  'sort=rating&limit=100',
  'category=apparel&sort=price_asc&limit=100',
  'attr.colour=Navy&inStock=true',
];
async function snapshot() {
  const views: Record<string, unknown> = {};
  for (const query of probes) {
    const { queryId: _, ...view } = (await shopper('GET', `/api/v1/search?${query}`)).body;
    views[query] = view;
  }
  return views;
}

const indexNames = async () =>
  (
    await pool.query(
      `select indexname from pg_indexes where schemaname = 'search' and tablename = 'documents' order by 1`,
    )
  ).rows.map((row) => row.indexname);

describe(`reindex from the product service (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('rebuilds the index from scratch with identical results', async () => {
    const before = await snapshot();
    const indexes = await indexNames();
    // Damage the index: a product lost, one changed behind the catalog's back, one that does not exist.
    await pool.query(`delete from search.documents where title = 'Zephyr Lamp'`);
    await pool.query(
      `update search.documents set title = 'Renamed', in_stock = not in_stock where slug = 'linen-shirt'`,
    );
    const columns = `description, brand, category_slugs, category_names, tags, skus, price_min_minor, price_max_minor,
      currency, in_stock, rating, popularity, image_url, attributes, search_vector, tags_vector, created_at`;
    await pool.query(`
      insert into search.documents (product_id, slug, title, ${columns})
      select md5(random()::text)::uuid, 'ghost', 'Ghost Cotton', ${columns}
      from search.documents where slug = 'cotton-tee-1'`);
    expect(await snapshot()).not.toEqual(before);

    const response = await manager('POST', '/api/v1/search/reindex?wait=true');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      documents: allProducts.length,
      pages: Math.ceil(allProducts.length / pageSize),
    });
    expect(await snapshot()).toEqual(before);
    // The swapped-in table carries every index of the old one, under the same names.
    expect(await indexNames()).toEqual(indexes);

    const status = (await manager('GET', '/api/v1/search/reindex')).body;
    expect(status).toMatchObject({
      running: false,
      last: { error: null, report: { documents: allProducts.length } },
    });
  });

  it('refuses a second rebuild while one is alive, and strangers altogether', async () => {
    await pool.query(
      `insert into search.index_rebuilds (id, started_at, building_until) values (1, now(), now() + interval '1 minute')`,
    );
    const busy = await manager('POST', '/api/v1/search/reindex?wait=true');
    expect([busy.status, busy.body.code]).toEqual([409, 'REINDEX_RUNNING']);
    await pool.query('delete from search.index_rebuilds');

    const customer = await bed.identity.bearer({ sub: 'c-1', roles: ['customer'] });
    expect((await shopper('POST', '/api/v1/search/reindex', undefined, customer)).status).toBe(403);
    expect((await shopper('POST', '/api/v1/search/reindex')).status).toBe(401);
  });

  it('starts in the background when not asked to wait', async () => {
    const accepted = await manager('POST', '/api/v1/search/reindex');
    expect(accepted.status).toBe(202);
    expect(accepted.body.running).toBe(true);
    let status = accepted.body;
    for (let i = 0; i < 200 && status.running; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await manager('GET', '/api/v1/search/reindex')).body;
    }
    expect(status.last).toMatchObject({ error: null, report: { documents: allProducts.length } });
  });

  it('indexes a product created through the product service, by its events, within a second', async () => {
    const catalog = httpClient(
      bed.product.url,
      await bed.identity.bearer({ sub: 'cm-1', roles: ['catalog_manager'] }),
    );
    const created = await catalog('POST', '/api/v1/products', {
      slug: 'studio-speaker',
      status: 'active',
      categorySlug: 'electronics',
      title: 'Studio Speaker',
      brand: 'Acme',
      tags: ['audio'],
      options: [{ name: 'Finish', values: ['Walnut'] }],
      variants: [
        {
          sku: 'STU-1',
          title: 'Walnut',
          options: { Finish: 'Walnut' },
          priceMinor: 19_900,
          compareAtMinor: null,
          currency: 'USD',
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // From the moment the product service committed the product and its event.
    const started = performance.now();
    let found = await shopper('GET', '/api/v1/search?q=speakr');
    while (found.body.total === 0 && performance.now() - started < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      found = await shopper('GET', '/api/v1/search?q=speakr');
    }
    const elapsed = performance.now() - started;
    expect(found.body.hits.map((hit: { title: string }) => hit.title)).toEqual(['Studio Speaker']);
    expect(elapsed).toBeLessThan(1_000);
    const electronics = (await shopper('GET', '/api/v1/search?category=electronics')).body;
    expect(electronics.facets.brand).toEqual([{ value: 'Acme', count: 2 }]);
    expect(electronics.facets.category).toEqual([
      { value: 'electronics', name: 'Electronics', parent: null, depth: 0, count: 2 },
    ]);

    expect((await catalog('DELETE', `/api/v1/products/${created.body.id}`)).status).toBeLessThan(300);
    let gone = await shopper('GET', '/api/v1/search?category=electronics');
    while (gone.body.total === 2 && performance.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      gone = await shopper('GET', '/api/v1/search?category=electronics');
    }
    expect(gone.body.facets.brand).toEqual([{ value: 'Acme', count: 1 }]);
  });

  it('keeps what writers change while the copy is built', async () => {
    const db = drizzle(pool, { schema });
    const engine = createPostgresSearchEngine(db, { typoSimilarity: 0.4 });
    const base = (await pool.query(`select product_id from search.documents where slug = 'leather-sandals'`))
      .rows[0];
    const doc = (id: string, title: string, minute: number): SearchDocument => ({
      productId: id,
      slug: title.toLowerCase().replaceAll(' ', '-'),
      title,
      description: '',
      brand: null,
      categorySlugs: [],
      categoryNames: [],
      tags: [],
      skus: [],
      priceMinMinor: 100,
      priceMaxMinor: 100,
      currency: 'USD',
      inStock: true,
      rating: 0,
      popularity: 0,
      imageUrl: null,
      attributes: {},
      createdAt: new Date('2026-01-01T00:00:00Z'),
      sourceUpdatedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
    });
    const a = '0194f1c2-0000-7000-8000-00000000000a';
    const b = '0194f1c2-0000-7000-8000-00000000000b';
    const c = '0194f1c2-0000-7000-8000-00000000000c';

    const rebuild = await engine.beginRebuild();
    await rebuild.write([doc(a, 'Alpha One', 1), doc(b, 'Beta', 1)]);
    // Events applied meanwhile reach the live index and the copy alike.
    await db.transaction((tx) => engine.writer(tx).upsert(doc(a, 'Alpha Two', 2)));
    await db.transaction((tx) => engine.writer(tx).upsert(doc(c, 'Gamma', 2)));
    await db.transaction((tx) => engine.writer(tx).remove(b, new Date(Date.UTC(2026, 0, 1, 0, 3))));
    await db.transaction((tx) => engine.writer(tx).setInStock(c, false));
    // The rebuild's own, older read of a product does not undo a newer write.
    await rebuild.write([doc(a, 'Alpha One', 1)]);
    expect(
      (await pool.query(`select count(*)::int as n from search.documents where product_id = $1`, [a])).rows[0]
        .n,
    ).toBe(1);
    expect(await engine.beginRebuild().catch((error: { code?: string }) => error.code)).toBe(
      'REINDEX_RUNNING',
    );

    expect(await rebuild.commit()).toEqual({ documents: 2 });
    const { rows } = await pool.query('select title, in_stock from search.documents order by title');
    expect(rows).toEqual([
      { title: 'Alpha Two', in_stock: true },
      { title: 'Gamma', in_stock: false },
    ]);
    expect(base).toBeDefined(); // the demo rows were in the live table before: the copy replaced them

    // Aborted: the live index is untouched and the next rebuild may start.
    const aborted = await engine.beginRebuild();
    await aborted.write([doc(b, 'Beta', 9)]);
    await aborted.abort();
    expect((await pool.query('select count(*)::int as n from search.documents')).rows[0].n).toBe(2);
    await (await engine.beginRebuild()).abort();
  });
});
