import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { userDeleted } from '@emporium/contracts/events/user-events';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { address, query } from './support/checkout.js';
import { type Shop, startShop, stockProduct, uniqueSku } from './support/shop.js';

let shop: Shop;
let sku: string;

beforeAll(async () => {
  shop = await startShop();
  sku = uniqueSku('ERASE');
  await stockProduct(shop, { sku, priceMinor: 900, onHand: 10 });
}, 180_000);
afterAll(async () => {
  await shop?.stop();
}, 120_000);

async function placeOrder(customerId: string, email: string) {
  const customer = httpClient(shop.order.url, await shop.identity.bearer({ sub: customerId }));
  const cart = (await customer('POST', '/api/v1/carts')).body;
  await customer('POST', `/api/v1/carts/${cart.id}/items`, { sku, quantity: 1 });
  const placed = await customer(
    'POST',
    '/api/v1/orders',
    { cartId: cart.id, shippingAddress: address, email },
    { 'idempotency-key': randomUUID() },
  );
  expect(placed.status).toBe(201);
  return placed.body as { id: string; totalMinor: number };
}

const rowOf = async (orderId: string) =>
  (
    await query<{ email: string; shipping_address: Record<string, unknown>; total_minor: number }>(
      shop.database.url,
      'select email, shipping_address, total_minor from orders.orders where id = $1',
      [orderId],
    )
  )[0]!;

describe('user.deleted', () => {
  it("erases the customer's personal data from their orders, keeps the amounts, once, and nobody else's", async () => {
    const erased = randomUUID();
    const kept = randomUUID();
    const order = await placeOrder(erased, 'leaving@example.com');
    const other = await placeOrder(kept, 'staying@example.com');
    const event = createEnvelope(userDeleted, {
      subject: erased,
      data: { userId: erased, deletedAt: new Date().toISOString() },
    });
    await shop.publish(event);
    await vi.waitFor(async () => expect((await rowOf(order.id)).email).toBe(`deleted-${order.id}@invalid`), {
      timeout: 10_000,
      interval: 100,
    });
    const row = await rowOf(order.id);
    expect(row.shipping_address).toEqual({
      name: 'deleted',
      line1: 'deleted',
      city: 'deleted',
      postalCode: 'deleted',
      country: address.country,
    });
    expect(Number(row.total_minor)).toBe(order.totalMinor);
    expect(JSON.stringify(row)).not.toContain(address.line1);
    expect((await rowOf(other.id)).email).toBe('staying@example.com');

    // Delivered again: no second effect (the inbox), and nothing left to change anyway.
    await shop.publish(event);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await rowOf(order.id)).email).toBe(`deleted-${order.id}@invalid`);
  });
});
