import { randomUUID } from 'node:crypto';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { address, payWithCard, query, testCards } from './support/checkout.js';
import { type Shop, startShop, stockOf, stockProduct, uniqueSku } from './support/shop.js';

let shop: Shop;
let sku: string;

beforeAll(async () => {
  shop = await startShop({ gateway: true, payment: true });
  sku = uniqueSku('BOWL');
  await stockProduct(shop, { sku, priceMinor: 3_000, onHand: 20 });
}, 180_000);
afterAll(async () => {
  await shop?.stop();
}, 120_000);

const cards = testCards;
const waitFor = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 15_000, interval: 150 });

/** A signed-in customer, everything through the gateway, as a browser would do it. */
async function customerSession() {
  const customerId = randomUUID();
  const credentials = await shop.identity.bearer({ sub: customerId });
  const send = httpClient(shop.gateway!.url, credentials);
  return {
    customerId,
    send,
    async order(quantity: number) {
      const cart = (await send('POST', '/api/v1/carts')).body;
      await send('POST', `/api/v1/carts/${cart.id}/items`, { sku, quantity });
      const placed = await send(
        'POST',
        '/api/v1/orders',
        { cartId: cart.id, shippingAddress: address, email: 'shopper@example.com' },
        { 'idempotency-key': randomUUID() },
      );
      expect(placed.status).toBe(201);
      return placed.body;
    },
    /** Tokenises the card at the sandbox (the card number never reaches the shop), then pays. */
    pay: (orderId: string, card: string) => payWithCard(shop.gateway!.url, credentials, orderId, card),
  };
}

const orderEvents = async (orderId: string) =>
  (
    await query<{ event_type: string }>(
      shop.database.url,
      'select event_type from orders.outbox where aggregate_id = $1 order by sequence',
      [orderId],
    )
  ).map((row) => row.event_type);

describe(`checkout with the payment service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('goes all the way through the gateway: cart → order → card payment → paid, stock committed', async () => {
    const shopper = await customerSession();
    const before = await stockOf(shop, sku);
    const order = await shopper.order(2);
    expect(order).toMatchObject({ status: 'pending_payment', totalMinor: 6_000 });
    const payment = await shopper.pay(order.id, cards.succeeds);
    expect(payment).toMatchObject({ orderId: order.id, amountMinor: 6_000, currency: 'EUR' });

    await waitFor(async () => {
      expect((await shopper.send('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('paid');
    });
    expect(await stockOf(shop, sku)).toMatchObject({ onHand: before.onHand - 2, reserved: before.reserved });
    expect(await orderEvents(order.id)).toEqual(['order.created', 'order.updated']);
    const settled = (await shopper.send('GET', `/api/v1/payments/${payment.id}`)).body;
    expect(settled.totals).toMatchObject({ capturedMinor: 6_000 });
  });

  it('cancels the order and releases its stock when the card is declined', async () => {
    const shopper = await customerSession();
    const before = await stockOf(shop, sku);
    const order = await shopper.order(3);
    expect(await stockOf(shop, sku)).toMatchObject({ reserved: before.reserved + 3 });
    await shopper.pay(order.id, cards.declined);
    await waitFor(async () => {
      expect((await shopper.send('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('cancelled');
      expect(await stockOf(shop, sku)).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    });
    expect(await orderEvents(order.id)).toEqual(['order.created', 'order.cancelled']);
  });

  it('refunds a paid order when it is cancelled, once', async () => {
    const shopper = await customerSession();
    const order = await shopper.order(1);
    const payment = await shopper.pay(order.id, cards.succeeds);
    await waitFor(async () => {
      expect((await shopper.send('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('paid');
    });
    const cancelled = await shopper.send('POST', `/api/v1/orders/${order.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    await waitFor(async () => {
      const [saga] = await query(
        shop.database.url,
        'select status from orders.checkout_sagas where order_id = $1',
        [order.id],
      );
      expect(saga.status).toBe('compensated');
    });
    const refunded = (await shopper.send('GET', `/api/v1/payments/${payment.id}`)).body;
    expect(refunded.totals).toMatchObject({
      capturedMinor: order.totalMinor,
      refundedMinor: order.totalMinor,
      refundableMinor: 0,
    });
    // The payment's own `payment.refunded` leaves the cancelled order as it is.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await shopper.send('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('cancelled');
  });
});
