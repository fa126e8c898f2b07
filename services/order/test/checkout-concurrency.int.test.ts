import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { guest, payWithCard, query, testCards } from './support/checkout.js';
import { type Shop, startShop, stockOf, stockProduct, uniqueSku } from './support/shop.js';

let shop: Shop;
let sku: string;
const units = 20;
const shoppers = 200;

beforeAll(async () => {
  // This machine may be busy with other suites: slow answers must not count as failures here.
  shop = await startShop({
    payment: true,
    orderEnv: { CHECKOUT_CONCURRENCY: '8', UPSTREAM_TIMEOUT_MS: '30000', UPSTREAM_BREAKER_THRESHOLD: '1000' },
  });
  sku = uniqueSku('LAST');
  await stockProduct(shop, { sku, priceMinor: 4_999, onHand: units });
}, 180_000);
afterAll(async () => {
  await shop?.stop();
}, 120_000);

async function inBatches<T>(count: number, size: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, i) => work(start + i));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

describe(`${shoppers} concurrent checkouts for ${units} units`, () => {
  it('sell exactly the stock there is: 20 orders hold it and are paid, the rest are refused, nothing goes negative', async () => {
    const carts = await inBatches(shoppers, 10, async () => {
      // Customers: a payment needs a signed-in owner (guests pay in a later issue).
      const credentials = await shop.identity.bearer({ sub: randomUUID() });
      const shopper = Object.assign(guest(shop.order.url, credentials), { credentials });
      await shopper.newCart();
      const added = await shopper.add(sku, 1);
      if (added.status !== 200) throw new Error(`add failed: ${added.status} ${added.text}`);
      return shopper;
    });

    const answers = await Promise.all(carts.map((shopper) => shopper.checkout()));
    const statuses = answers.map((a) => (a.status === 201 ? 'placed' : `${a.status} ${a.body.code}`));
    const placed = answers
      .map((answer, index) => ({ answer, credentials: carts[index]!.credentials }))
      .filter(({ answer }) => answer.status === 201)
      .map(({ answer, credentials }) => ({ ...answer.body, credentials }));
    const tally: Record<string, number> = {};
    for (const status of statuses) tally[status] = (tally[status] ?? 0) + 1;
    expect(tally).toEqual({ placed: units, '409 OUT_OF_STOCK': shoppers - units });
    expect(statuses.filter((s) => s !== 'placed').every((s) => s === '409 OUT_OF_STOCK')).toBe(true);
    expect(await stockOf(shop, sku)).toMatchObject({ onHand: units, reserved: units, available: 0 });

    const sagas = await query<{ status: string; n: number }>(
      shop.database.url,
      'select status, count(*)::int as n from orders.checkout_sagas group by status order by status',
    );
    expect(sagas).toEqual([
      { status: 'refused', n: shoppers - units },
      { status: 'waiting', n: units },
    ]);

    await Promise.all(
      placed.map((order) => payWithCard(shop.payment!.url, order.credentials, order.id, testCards.succeeds)),
    );
    await vi.waitFor(
      async () => {
        const paid = await query<{ n: number }>(
          shop.database.url,
          `select count(*)::int as n from orders.orders where status = 'paid'`,
        );
        expect(paid[0]!.n).toBe(units);
      },
      { timeout: 60_000, interval: 250 },
    );
    // Sold: every unit left stock for good, none is held, none oversold.
    expect(await stockOf(shop, sku)).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
    const orders = await query<{ n: number; quantity: number }>(
      shop.database.url,
      `select count(distinct o.id)::int as n, coalesce(sum(l.quantity), 0)::int as quantity
         from orders.orders o join orders.order_lines l on l.order_id = o.id where l.sku = $1`,
      [sku],
    );
    expect(orders[0]).toEqual({ n: units, quantity: units });
    const negative = await query<{ n: number }>(
      shop.database.url,
      'select count(*)::int as n from inventory.stock_levels where on_hand < 0 or reserved < 0',
    );
    expect(negative[0]!.n).toBe(0);
  }, 300_000);
});
