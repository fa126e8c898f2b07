import { createEnvelope, type EventEnvelope } from '@emporium/contracts/events/envelope';
import { inventoryUpdated } from '@emporium/contracts/events/inventory-events';
import { productCreated, productDeleted, productUpdated } from '@emporium/contracts/events/product-events';
import { httpClient } from '@emporium/platform/testing/http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoData } from './fixtures/demo-data.js';
import { type SearchWithFeed, startSearchWithFeed } from './support/search-with-feed.js';

let bed: SearchWithFeed;
let send: ReturnType<typeof httpClient>;
let db: pg.Client;

beforeAll(async () => {
  bed = await startSearchWithFeed();
  send = httpClient(bed.search.url);
  await bed.search.instance.seedDemo!(demoData(), () => {});
  db = new pg.Client({ connectionString: bed.database.url });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await bed?.stop();
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
const speakerId = '0194f1c2-5a0b-7c3d-8e4f-000000000001';

type ProductData = EventEnvelope<typeof productCreated>['data'];
function speaker(changes: Partial<ProductData> = {}): ProductData {
  return {
    id: speakerId,
    slug: 'bluetooth-speaker',
    title: 'Bluetooth Speaker',
    description: 'Room-filling sound.',
    brand: 'Acme',
    categorySlugs: ['electronics'],
    tags: ['audio'],
    status: 'active',
    variants: [
      {
        sku: 'SPK-1',
        title: 'Black',
        priceMinor: 5_900,
        compareAtMinor: null,
        currency: 'USD',
        options: { Colour: 'Black' },
      },
    ],
    imageUrl: null,
    updatedAt: at(1),
    category: { id: 'c-electronics', slug: 'electronics', name: 'Electronics', path: ['electronics'] },
    rating: { count: 0, average: 0 },
    createdAt: at(0),
    ...changes,
  };
}

const stock = (sku: string, totalAvailable: number, minute: number) =>
  createEnvelope(inventoryUpdated, {
    subject: sku,
    data: {
      sku,
      warehouseId: 'eu-1',
      onHand: totalAvailable,
      reserved: 0,
      available: totalAvailable,
      totalAvailable,
      reason: 'set',
      updatedAt: at(minute),
    },
  });

async function search(query: string) {
  const response = await send('GET', `/api/v1/search?${query}`);
  expect(response.status, query).toBe(200);
  return response.body;
}
const titles = (body: { hits: { title: string }[] }) => body.hits.map((hit) => hit.title);

/** Polls a search until `done` holds; returns the body and how long it took. */
async function until(query: string, done: (body: Awaited<ReturnType<typeof search>>) => boolean) {
  const started = performance.now();
  for (;;) {
    const body = await search(query);
    if (done(body)) return { body, ms: performance.now() - started };
    if (performance.now() - started > 10_000)
      throw new Error(`${query}: still ${JSON.stringify(titles(body))}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the consumer has handled an event (its inbox row is done): a no-op leaves no other trace. */
async function handled(envelope: { id: string }) {
  const started = performance.now();
  for (;;) {
    const { rows } = await db.query(`select 1 from search.inbox where event_id = $1 and status = 'done'`, [
      envelope.id,
    ]);
    if (rows.length > 0) return;
    if (performance.now() - started > 10_000) throw new Error(`event ${envelope.id} was not handled`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(`the index follows catalog and stock events (${process.env.AMQP_URL ? 'RabbitMQ' : 'in-process broker'})`, () => {
  it('makes a created product findable by a misspelled word within a second, and counts it in the facets', async () => {
    const before = await search('category=electronics');
    expect(before.facets.brand).toEqual([{ value: 'Acme', count: 1 }]);
    expect((await search('q=speakr')).total).toBe(0);

    const started = performance.now();
    await bed.publish(createEnvelope(productCreated, { subject: speakerId, data: speaker() }));
    const { body } = await until('q=speakr', (b) => b.total > 0);
    const elapsed = performance.now() - started;
    expect(body.matchMode).toBe('fuzzy');
    expect(titles(body)).toEqual(['Bluetooth Speaker']);
    console.info(`searchable ${Math.round(elapsed)} ms after the event was committed`);
    expect(elapsed).toBeLessThan(1_000);

    const after = await search('category=electronics');
    expect(after.total).toBe(before.total + 1);
    expect(after.facets.brand).toEqual([{ value: 'Acme', count: 2 }]);
    expect(after.facets.attributes).toEqual([
      { name: 'colour', values: [{ value: 'Black', count: 1 }] },
      { name: 'size', values: [{ value: 'One', count: 1 }] },
    ]);
    // No stock has been announced for its SKU yet.
    expect(after.facets.availability).toEqual({ inStock: 1, outOfStock: 1 });
    expect((await search('q=audio')).hits[0]).toMatchObject({ productId: speakerId, inStock: false });
  });

  it('flips inStock with inventory.updated, ignoring a change older than the one applied', async () => {
    await bed.publish(stock('SPK-1', 3, 2));
    await until('q=speaker', (b) => b.hits[0]?.inStock === true);
    expect((await search('category=electronics')).facets.availability).toEqual({ inStock: 2, outOfStock: 0 });

    const late = stock('SPK-1', 0, 1);
    await bed.publish(late);
    await handled(late);
    expect((await search('q=speaker')).hits[0].inStock).toBe(true);

    await bed.publish(stock('SPK-1', 0, 3));
    const soldOut = await until('q=speaker&inStock=false', (b) => b.total === 1);
    expect(soldOut.body.hits[0].productId).toBe(speakerId);
  });

  it('applies updates by version: a late, older update changes nothing', async () => {
    const newer = speaker({ title: 'Bluetooth Speaker Pro', updatedAt: at(5) });
    newer.variants[0]!.priceMinor = 6_900;
    await bed.publish(createEnvelope(productUpdated, { subject: speakerId, data: newer }));
    const pro = await until('q=speaker', (b) => b.hits[0]?.title === 'Bluetooth Speaker Pro');
    expect(pro.body.hits[0]).toMatchObject({ priceMinMinor: 6_900, inStock: false });

    const older = createEnvelope(productUpdated, {
      subject: speakerId,
      data: speaker({ title: 'Old Speaker', updatedAt: at(4) }),
    });
    await bed.publish(older);
    await handled(older);
    expect(titles(await search('q=speaker'))).toEqual(['Bluetooth Speaker Pro']);
  });

  it('removes a deleted product, keeps it out against late updates, and takes it back when reactivated', async () => {
    await bed.publish(
      createEnvelope(productDeleted, {
        subject: speakerId,
        data: { id: speakerId, slug: 'bluetooth-speaker', skus: ['SPK-1'], deletedAt: at(10) },
      }),
    );
    await until('q=speaker', (b) => b.total === 0 || b.matchMode === 'fuzzy');
    expect((await search('category=electronics')).facets.brand).toEqual([{ value: 'Acme', count: 1 }]);

    const late = createEnvelope(productUpdated, { subject: speakerId, data: speaker({ updatedAt: at(8) }) });
    await bed.publish(late);
    await handled(late);
    expect((await search('q=bluetooth')).matchMode).not.toBe('fulltext');

    await bed.publish(
      createEnvelope(productUpdated, { subject: speakerId, data: speaker({ updatedAt: at(12) }) }),
    );
    await until('q=bluetooth', (b) => b.matchMode === 'fulltext' && b.total === 1);
  });

  it('takes a product out when it stops being active', async () => {
    await bed.publish(
      createEnvelope(productUpdated, {
        subject: speakerId,
        data: speaker({ status: 'archived', updatedAt: at(14) }),
      }),
    );
    await until('q=bluetooth', (b) => b.matchMode !== 'fulltext');
    const late = createEnvelope(productUpdated, { subject: speakerId, data: speaker({ updatedAt: at(13) }) });
    await bed.publish(late);
    await handled(late);
    expect((await search('q=bluetooth')).matchMode).not.toBe('fulltext');
  });

  it('keeps stock that arrives before its product, and uses it when the product comes', async () => {
    const lampId = '0194f1c2-5a0b-7c3d-8e4f-000000000002';
    await bed.publish(stock('LMP-1', 4, 20));
    await bed.publish(
      createEnvelope(productCreated, {
        subject: lampId,
        data: speaker({
          id: lampId,
          slug: 'arc-lamp',
          title: 'Arc Lamp',
          categorySlugs: ['home'],
          category: null,
          variants: [
            {
              sku: 'LMP-1',
              title: 'Brass',
              priceMinor: 9_900,
              compareAtMinor: null,
              currency: 'USD',
              options: {},
            },
          ],
          updatedAt: at(21),
        }),
      }),
    );
    const { body } = await until('q=arc', (b) => b.total === 1);
    expect(body.hits[0]).toMatchObject({ productId: lampId, inStock: true, priceMinMinor: 9_900 });
    // Its category was known from the catalog's tree, with its name.
    const facet = (await search('q=arc')).facets.category;
    expect(facet).toEqual([{ value: 'home', name: 'Home & Living', parent: null, depth: 0, count: 1 }]);
  });
});
