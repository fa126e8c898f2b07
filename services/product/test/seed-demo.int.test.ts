import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoData } from './fixtures/demo-data.js';
import { type ProductUnderTest, startProduct } from './support/start-product.js';

let product: ProductUnderTest;

beforeAll(async () => {
  product = await startProduct();
});
afterAll(async () => {
  await product?.stop();
});

async function counts() {
  const [row] = await product.sql(`select
    (select count(*)::int from product.categories) as categories,
    (select count(*)::int from product.products) as products,
    (select count(*)::int from product.product_skus) as skus,
    (select count(*)::int from product.outbox where event_type = 'product.created') as announced`);
  return row;
}

describe('product demo seed', () => {
  it('loads a demo-sized catalog in bulk, announced, then changes nothing when run again', async () => {
    // As many products as the Livostyle demo catalog ships.
    const demo = demoData(2_766);
    const messages: string[] = [];
    const started = performance.now();
    await product.service.instance.seedDemo!(demo, (message) => messages.push(message));
    const firstRunMs = performance.now() - started;
    expect(await counts()).toEqual({ categories: 4, products: 2_766, skus: 2_766 * 2, announced: 2_766 });
    expect(messages.at(-1)).toBe('product: 2766 of 2766 demo products added');
    // Generous: bulk inserts take a few seconds on PGlite; row-at-a-time inserts take far longer.
    expect(firstRunMs).toBeLessThan(30_000);

    messages.length = 0;
    await product.service.instance.seedDemo!(demo, (message) => messages.push(message));
    expect(await counts()).toEqual({ categories: 4, products: 2_766, skus: 2_766 * 2, announced: 2_766 });
    expect(messages).toContain('product: 0 of 4 demo categories added');
    expect(messages.at(-1)).toBe('product: 0 of 2766 demo products added');
  }, 120_000); // two full runs; the first alone is held to 30 s above

  it('keeps the category tree and product placement of the demo data', async () => {
    const rows = await product.sql(`select c.slug, c.path, p.slug as parent from product.categories c
      left join product.categories p on p.id = c.parent_id order by c.slug`);
    expect(rows).toContainEqual({
      slug: 'apparel-shoes-sandals',
      path: ['apparel', 'apparel-shoes', 'apparel-shoes-sandals'],
      parent: 'apparel-shoes',
    });
    const [placed] = await product.sql(
      `select count(*)::int as n from product.products where category_id is null`,
    );
    expect(placed!.n).toBe(0);
    // Each product is announced once, with its category path, so search can index from events alone.
    const [event] = await product.sql<{ data: { categorySlugs: string[]; variants: unknown[] } }>(
      `select envelope->'data' as data from product.outbox o join product.products p on p.id::text = o.aggregate_id
       join product.categories c on c.id = p.category_id where c.slug = 'apparel-shoes-sandals' limit 1`,
    );
    expect(event!.data.categorySlugs).toEqual(['apparel', 'apparel-shoes', 'apparel-shoes-sandals']);
    expect(event!.data.variants).toHaveLength(2);
  });
});
