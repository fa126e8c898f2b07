import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productService } from '../src/service.js';
import { demoData } from './fixtures/demo-data.js';

let service: TestService;
let client: pg.Client;

beforeAll(async () => {
  service = await startTestService(productService);
  client = new pg.Client({ connectionString: service.database!.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await service?.stop();
});

async function counts() {
  const { rows } = await client.query(`select
    (select count(*)::int from product.categories) as categories,
    (select count(*)::int from product.products) as products,
    (select count(*)::int from product.product_skus) as skus`);
  return rows[0];
}

describe('product demo seed', () => {
  it('loads a demo-sized catalog in bulk, then changes nothing when run again', async () => {
    // As many products as the Livostyle demo catalog ships.
    const demo = demoData(2_766);
    const messages: string[] = [];
    const started = performance.now();
    await service.instance.seedDemo!(demo, (message) => messages.push(message));
    const firstRunMs = performance.now() - started;
    expect(await counts()).toEqual({ categories: 4, products: 2_766, skus: 2_766 * 2 });
    expect(messages.at(-1)).toBe('product: 2766 of 2766 demo products added');
    // Generous: bulk inserts take a few seconds on PGlite; row-at-a-time inserts take far longer.
    expect(firstRunMs).toBeLessThan(30_000);

    messages.length = 0;
    await service.instance.seedDemo!(demo, (message) => messages.push(message));
    expect(await counts()).toEqual({ categories: 4, products: 2_766, skus: 2_766 * 2 });
    expect(messages).toContain('product: 0 of 4 demo categories added');
    expect(messages.at(-1)).toBe('product: 0 of 2766 demo products added');
  });

  it('keeps the category tree and product placement of the demo data', async () => {
    const { rows } = await client.query(`select c.slug, c.path, p.slug as parent from product.categories c
      left join product.categories p on p.id = c.parent_id order by c.slug`);
    expect(rows).toContainEqual({
      slug: 'apparel-shoes-sandals',
      path: ['apparel', 'apparel-shoes', 'apparel-shoes-sandals'],
      parent: 'apparel-shoes',
    });
    const placed = await client.query(
      `select count(*)::int as n from product.products where category_id is null`,
    );
    expect(placed.rows[0].n).toBe(0);
  });
});
