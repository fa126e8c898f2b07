import { randomUUID } from 'node:crypto';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { address, guest, paymentCompletedFor, paymentFailedFor, query } from './support/checkout.js';
import { type Shop, setPrice, startShop, stockOf, stockProduct, uniqueSku } from './support/shop.js';

let shop: Shop;
let sku: string;
let productId: string;

beforeAll(async () => {
  shop = await startShop({ gateway: true });
  sku = uniqueSku('MUG');
  ({ productId } = await stockProduct(shop, { sku, priceMinor: 1_250, onHand: 100 }));
}, 180_000);
afterAll(async () => {
  await shop?.stop();
}, 120_000);

const eventsOf = (orderId: string) =>
  query<{ event_type: string; published: boolean; data: Record<string, unknown> }>(
    shop.database.url,
    `select event_type, published_at is not null as published, envelope->'data' as data
       from orders.outbox where aggregate_id = $1 order by sequence`,
    [orderId],
  );
const sagaOf = async (orderId: string) =>
  (await query(shop.database.url, 'select * from orders.checkout_sagas where order_id = $1', [orderId]))[0];
const waitFor = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 10_000, interval: 100 });

describe(`checkout on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('runs through the gateway: cart → order → payment → paid, stock committed, events published', async () => {
    const customerId = randomUUID();
    const customer = httpClient(shop.gateway!.url, await shop.identity.bearer({ sub: customerId }));
    const cart = await customer('POST', '/api/v1/carts');
    expect(cart.status).toBe(201);
    expect(cart.body.cartToken).toBeUndefined(); // a customer's cart opens with their own token
    expect((await customer('POST', `/api/v1/carts/${cart.body.id}/items`, { sku, quantity: 3 })).status).toBe(
      200,
    );
    const shown = await customer('GET', `/api/v1/carts/${cart.body.id}`);
    expect(shown.body).toMatchObject({
      subtotalMinor: 3_750,
      checkoutReady: true,
      lines: [{ sku, available: 100 }],
    });
    const before = await stockOf(shop, sku);

    const placed = await customer(
      'POST',
      '/api/v1/orders',
      { cartId: cart.body.id, shippingAddress: address, email: 'Grace@Example.com' },
      { 'idempotency-key': randomUUID() },
    );
    expect(placed.status).toBe(201);
    const order = placed.body;
    expect(order).toMatchObject({
      status: 'pending_payment',
      customerId,
      email: 'grace@example.com',
      currency: 'EUR',
      subtotalMinor: 3_750,
      shippingMinor: 495,
      totalMinor: 4_245,
      lines: [{ sku, productId, quantity: 3, unitPriceMinor: 1_250, lineTotalMinor: 3_750 }],
    });
    expect(await stockOf(shop, sku)).toMatchObject({ onHand: before.onHand, reserved: before.reserved + 3 });
    expect((await customer('GET', `/api/v1/carts/${cart.body.id}`)).status).toBe(404); // checked out

    await shop.publish(paymentCompletedFor(order));
    await waitFor(async () => {
      expect((await customer('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('paid');
    });
    const paid = (await customer('GET', `/api/v1/orders/${order.id}`)).body;
    expect(paid.history.map((h: { toStatus: string; actor: string }) => [h.toStatus, h.actor])).toEqual([
      ['pending_payment', `user:${customerId}`],
      ['paid', 'system:payment'],
    ]);
    // Committed: the units left stock for good, nothing is held for the order any more.
    expect(await stockOf(shop, sku)).toMatchObject({ onHand: before.onHand - 3, reserved: before.reserved });
    expect((await sagaOf(order.id)).status).toBe('done');
    await waitFor(async () => {
      const events = await eventsOf(order.id);
      expect(events.map((e) => [e.event_type, e.published])).toEqual([
        ['order.created', true],
        ['order.updated', true],
      ]);
      expect(events[1]!.data).toMatchObject({ previousStatus: 'pending_payment', status: 'paid' });
    });
    const mine = await customer('GET', '/api/v1/orders');
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
  });

  it('places one order per Idempotency-Key: the same body replays it, another body is refused', async () => {
    const shopper = guest(shop.gateway!.url);
    await shopper.newCart();
    await shopper.add(sku, 2);
    const before = await stockOf(shop, sku);
    const key = randomUUID();
    const first = await shopper.checkout(key);
    expect(first.status).toBe(201);
    const again = await shopper.checkout(key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await shopper.checkout(key, { email: 'someone.else@example.com' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stockOf(shop, sku)).toMatchObject({ reserved: before.reserved + 2 });
    const orders = await query(shop.database.url, 'select id from orders.orders where email = $1', [
      'ada@example.com',
    ]);
    expect(orders.map((o) => o.id)).toContain(first.body.id);
    expect((await eventsOf(first.body.id)).map((e) => e.event_type)).toEqual(['order.created']);
    // The guest reads the order with the token of the cart it came from; nobody else does.
    expect((await shopper.order(first.body.id)).status).toBe(200);
    expect((await httpClient(shop.order.url)('GET', `/api/v1/orders/${first.body.id}`)).status).toBe(404);
    // The gateway already turns away a caller with neither a token nor a cart token.
    expect((await httpClient(shop.gateway!.url)('GET', `/api/v1/orders/${first.body.id}`)).status).toBe(401);
  });

  it('answers concurrent retries of one key with one order', async () => {
    const shopper = guest(shop.order.url);
    await shopper.newCart();
    await shopper.add(sku, 1);
    const key = randomUUID();
    const answers = await Promise.all([shopper.checkout(key), shopper.checkout(key), shopper.checkout(key)]);
    const ids = new Set(answers.filter((a) => a.status < 300).map((a) => a.body.id));
    expect(ids.size).toBe(1);
    for (const answer of answers) {
      if (answer.status >= 300) expect(answer.body.code).toBe('CHECKOUT_IN_PROGRESS');
    }
    const orderId = [...ids][0];
    expect((await shopper.checkout(key)).body.id).toBe(orderId);
  });

  it('re-checks prices: a change since the cart was shown is shown, not charged', async () => {
    const pricey = uniqueSku('LAMP');
    const item = await stockProduct(shop, { sku: pricey, priceMinor: 1_000, onHand: 5 });
    const shopper = guest(shop.order.url);
    await shopper.newCart();
    expect((await shopper.add(pricey, 1)).body.lines[0].unitPriceMinor).toBe(1_000);
    await setPrice(shop, item.productId, pricey, 1_200);

    const key = randomUUID();
    const refused = await shopper.checkout(key);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'PRICES_CHANGED',
      changes: [{ sku: pricey, shownMinor: 1_000, nowMinor: 1_200 }],
    });
    expect(await stockOf(shop, pricey)).toMatchObject({ available: 5, reserved: 0 });
    const cart = (await shopper.cart()).body;
    expect(cart.lines[0]).toMatchObject({ unitPriceMinor: 1_200 });

    const placed = await shopper.checkout(key);
    expect(placed.status).toBe(201);
    expect(placed.body.lines[0]).toMatchObject({ unitPriceMinor: 1_200 });
    expect(placed.body.subtotalMinor).toBe(1_200);
  });

  it('refuses bad checkouts with stable codes, holding nothing', async () => {
    const shopper = guest(shop.order.url);
    await shopper.newCart();
    expect((await shopper.checkout()).body.code).toBe('CART_EMPTY');
    await shopper.add(sku, 1);
    const noKey = await shopper.send('POST', '/api/v1/orders', {
      cartId: shopper.cartId,
      shippingAddress: address,
      email: 'ada@example.com',
    });
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const stranger = guest(shop.order.url);
    await stranger.newCart();
    const notMine = await stranger.send('POST', '/api/v1/orders', {
      cartId: shopper.cartId,
      shippingAddress: address,
      email: 'x@example.com',
    });
    expect(notMine.status).toBe(400); // no key
    const notMineKeyed = await httpClient(shop.order.url)(
      'POST',
      '/api/v1/orders',
      { cartId: shopper.cartId, shippingAddress: address, email: 'x@example.com' },
      { 'idempotency-key': randomUUID(), 'x-cart-token': stranger.cartToken },
    );
    expect(notMineKeyed.body.code).toBe('CART_NOT_FOUND');
    expect(
      (await shopper.checkout(randomUUID(), { shippingAddress: { ...address, country: 'Britain' } })).status,
    ).toBe(400);
    const scarce = uniqueSku('RARE');
    await stockProduct(shop, { sku: scarce, priceMinor: 500, onHand: 1 });
    await shopper.add(scarce, 2);
    const key = randomUUID();
    const short = await shopper.checkout(key);
    expect(short.status).toBe(409);
    expect(short.body).toMatchObject({
      code: 'OUT_OF_STOCK',
      shortages: [{ sku: scarce, requested: 2, available: 1 }],
    });
    expect((await shopper.checkout(key)).body.code).toBe('OUT_OF_STOCK'); // the same key, the same answer
    expect(await stockOf(shop, scarce)).toMatchObject({ available: 1, reserved: 0 });
    expect(await stockOf(shop, sku)).toMatchObject({ available: expect.any(Number) });
  });

  it('cancels the order and releases its stock when the payment is declined', async () => {
    const shopper = guest(shop.order.url);
    await shopper.newCart();
    await shopper.add(sku, 4);
    const before = await stockOf(shop, sku);
    const order = (await shopper.checkout()).body;
    expect(await stockOf(shop, sku)).toMatchObject({ reserved: before.reserved + 4 });
    await shop.publish(paymentFailedFor(order));
    await waitFor(async () => {
      expect((await sagaOf(order.id)).status).toBe('compensated');
    });
    const cancelled = (await shopper.order(order.id)).body;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.history.at(-1)).toMatchObject({
      toStatus: 'cancelled',
      actor: 'system:payment',
      reason: 'payment failed: card_declined',
    });
    expect(await stockOf(shop, sku)).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    const events = await eventsOf(order.id);
    expect(events.map((e) => e.event_type)).toEqual(['order.created', 'order.cancelled']);
    expect(events[1]!.data).toMatchObject({
      reason: 'payment_failed',
      refundRequired: false,
      lines: [{ sku, quantity: 4 }],
    });
    // A payment that succeeds after all, for the cancelled order, is to be refunded, never kept.
    await shop.publish(paymentCompletedFor(order));
    await waitFor(async () => {
      const saga = await sagaOf(order.id);
      expect(saga.payment_id).not.toBeNull();
      expect(saga.direction).toBe('backward');
    });
    expect((await shopper.order(order.id)).body.status).toBe('cancelled');
  });

  it("lets the owner cancel an unpaid order, and nobody else's", async () => {
    const shopper = guest(shop.order.url);
    await shopper.newCart();
    await shopper.add(sku, 1);
    const before = await stockOf(shop, sku);
    const order = (await shopper.checkout()).body;
    const stranger = guest(shop.order.url);
    await stranger.newCart();
    expect((await stranger.cancel(order.id)).body.code).toBe('ORDER_NOT_FOUND');
    const customer = httpClient(shop.order.url, await shop.identity.bearer({ sub: randomUUID() }));
    expect((await customer('POST', `/api/v1/orders/${order.id}/cancel`)).status).toBe(404);
    expect((await customer('GET', `/api/v1/orders/${order.id}`)).status).toBe(404);

    const cancelled = await shopper.cancel(order.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await waitFor(async () => {
      expect(await stockOf(shop, sku)).toMatchObject({ reserved: before.reserved });
    });
    expect((await shopper.cancel(order.id)).body.code).toBe('INVALID_TRANSITION');
    const [cancelEvent] = (await eventsOf(order.id)).filter((e) => e.event_type === 'order.cancelled');
    expect(cancelEvent!.data).toMatchObject({ reason: 'customer_request', refundRequired: false });
  });

  it('cancelling a paid order keeps its stock sold and sends the money back through payment', async () => {
    const customerId = randomUUID();
    const customer = httpClient(shop.order.url, await shop.identity.bearer({ sub: customerId }));
    const cart = (await customer('POST', '/api/v1/carts')).body;
    await customer('POST', `/api/v1/carts/${cart.id}/items`, { sku, quantity: 1 });
    const order = (
      await customer(
        'POST',
        '/api/v1/orders',
        { cartId: cart.id, shippingAddress: address, email: 'c@example.com' },
        { 'idempotency-key': randomUUID() },
      )
    ).body;
    await shop.publish(paymentCompletedFor(order));
    await waitFor(async () => expect((await sagaOf(order.id)).status).toBe('done'));
    const sold = await stockOf(shop, sku);

    const cancelled = await customer('POST', `/api/v1/orders/${order.id}/cancel`, {
      reason: 'changed my mind',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect(cancelled.body.history.at(-1)).toMatchObject({ fromStatus: 'paid', reason: 'changed my mind' });
    const [cancelEvent] = (await eventsOf(order.id)).filter((e) => e.event_type === 'order.cancelled');
    expect(cancelEvent!.data).toMatchObject({ reason: 'customer_request', refundRequired: true });
    // The refund is the compensation of the payment step: the saga is on it (the payment
    // service answers it, with the idempotency key `<order id>:cancel`).
    await waitFor(async () => {
      const saga = await sagaOf(order.id);
      expect(saga).toMatchObject({ direction: 'backward', step: 'await_payment' });
    });
    expect(await stockOf(shop, sku)).toMatchObject({ onHand: sold.onHand, reserved: sold.reserved });
  });
});
