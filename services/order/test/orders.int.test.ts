import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { paymentRefunded } from '@emporium/contracts/events/payment-events';
import { createDatabase, type Database } from '@emporium/platform/db/database';
import { httpClient } from '@emporium/platform/testing/http';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertOrder } from '../src/db/orders.repo.js';
import * as schema from '../src/db/schema.js';
import { type LineInput, priceOrder } from '../src/domain/order-totals.js';
import { orderService } from '../src/service.js';
import { query } from './support/checkout.js';
import { startPlatform, type TestPlatform } from './support/shop.js';

let platform: TestPlatform;
let url: string;
let database: Database<typeof schema>;
let admin: ReturnType<typeof httpClient>;
let asA: ReturnType<typeof httpClient>;
let asB: ReturnType<typeof httpClient>;
const anonymous = () => httpClient(url);

const customerA = randomUUID();
const customerB = randomUUID();

beforeAll(async () => {
  platform = await startPlatform();
  url = (await platform.start(orderService)).url;
  await platform.open();
  database = createDatabase(
    { url: platform.database.url, poolMax: 2, applicationName: 'order-test' },
    schema,
  );
  admin = httpClient(url, await platform.identity.bearer({ sub: randomUUID(), roles: ['admin'] }));
  asA = httpClient(url, await platform.identity.bearer({ sub: customerA }));
  asB = httpClient(url, await platform.identity.bearer({ sub: customerB }));
}, 180_000);
afterAll(async () => {
  await database?.close();
  await platform?.stop();
}, 120_000);

const address = {
  name: 'Ada Lovelace',
  line1: '12 St James Sq',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

/** Writes an order as the checkout's last step does (its saga is exercised in checkout.int.test.ts). */
async function placeOrder(
  options: { email?: string; customerId?: string | null; lines?: LineInput[]; discountMinor?: number } = {},
) {
  const priced = priceOrder({
    lines: options.lines ?? [
      { sku: 'MUG-RED', productId: 'p1', title: 'Red mug', unitPriceMinor: 1250, quantity: 2 },
    ],
    shippingMinor: 495,
    taxMinor: 200,
    discountMinor: options.discountMinor ?? 0,
  });
  return database.db.transaction((tx) =>
    insertOrder(tx, {
      id: randomUUID(),
      customerId: options.customerId === undefined ? customerA : options.customerId,
      email: options.email ?? 'ada@example.com',
      currency: 'EUR',
      shippingAddress: address,
      idempotencyKey: null,
      guestTokenHash: null,
      ...priced,
      actor: 'system:test',
    }),
  );
}

/** As the saga leaves an order once its payment is in (the saga itself: checkout.int.test.ts). */
const markPaid = (id: string) =>
  database.db.update(schema.orders).set({ status: 'paid' }).where(eq(schema.orders.id, id));

const setStatus = (id: string, status: string, reason?: string) =>
  admin('POST', `/api/v1/orders/${id}/status`, reason === undefined ? { status } : { status, reason });

const eventsOf = (orderId: string) =>
  query<{ event_type: string; data: Record<string, unknown> }>(
    platform.database.url,
    `select event_type, envelope->'data' as data from orders.outbox where aggregate_id = $1 order by sequence`,
    [orderId],
  );

describe(`order service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database and its bus', async () => {
    const response = await anonymous()('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['database', 'events']),
    );
  });

  it('shows an order with its lines, totals and history to its customer and to staff only', async () => {
    const order = await placeOrder({
      lines: [
        { sku: 'TEE-M', productId: 'p2', title: 'Tee, M', unitPriceMinor: 1999, quantity: 1 },
        { sku: 'MUG-RED', productId: 'p1', title: 'Red mug', unitPriceMinor: 1250, quantity: 2 },
      ],
      discountMinor: 500,
    });
    expect(order.number).toMatch(/^EMP-\d{6}$/);
    const response = await asA('GET', `/api/v1/orders/${order.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: order.id,
      number: order.number,
      status: 'pending_payment',
      currency: 'EUR',
      subtotalMinor: 4499,
      discountMinor: 500,
      shippingMinor: 495,
      taxMinor: 200,
      totalMinor: 4694,
      shippingAddress: address,
      lines: [
        { sku: 'MUG-RED', unitPriceMinor: 1250, quantity: 2, lineTotalMinor: 2500 },
        { sku: 'TEE-M', unitPriceMinor: 1999, quantity: 1, lineTotalMinor: 1999 },
      ],
      history: [
        { fromStatus: null, toStatus: 'pending_payment', actor: 'system:test', reason: 'order placed' },
      ],
    });
    expect(response.text).not.toMatch(/idempotency|guestToken/i);
    expect((await admin('GET', `/api/v1/orders/${order.id}`)).status).toBe(200);
    const support = httpClient(
      url,
      await platform.identity.bearer({ sub: randomUUID(), roles: ['support'] }),
    );
    expect((await support('GET', `/api/v1/orders/${order.id}`)).status).toBe(200);
    expect((await asB('GET', `/api/v1/orders/${order.id}`)).body.code).toBe('ORDER_NOT_FOUND');
    expect((await anonymous()('GET', `/api/v1/orders/${order.id}`)).status).toBe(404);
    const next = await placeOrder();
    expect(Number(next.number.slice(4))).toBe(Number(order.number.slice(4)) + 1);
  });

  it('lets the database refuse totals that do not balance', async () => {
    const priced = priceOrder({
      lines: [{ sku: 'A', productId: 'p', title: 'A', unitPriceMinor: 100, quantity: 1 }],
      shippingMinor: 0,
      taxMinor: 0,
      discountMinor: 0,
    });
    await expect(
      database.db.transaction((tx) =>
        insertOrder(tx, {
          id: randomUUID(),
          customerId: null,
          email: 'cheat@example.com',
          currency: 'EUR',
          shippingAddress: address,
          idempotencyKey: null,
          guestTokenHash: null,
          lines: priced.lines,
          totals: { ...priced.totals, totalMinor: 1 },
          actor: 'system:test',
        }),
      ),
    ).rejects.toThrow();
    expect((await admin('GET', '/api/v1/orders?email=cheat@example.com')).body.items).toEqual([]);
  });

  it('lists all orders with filters for staff, and only their own for a customer', async () => {
    const guestOrder = await placeOrder({ customerId: null, email: 'guest@example.com' });
    const other = await placeOrder({ customerId: customerB, email: 'bob@example.com' });
    await markPaid(other.id);

    const all = (await admin('GET', '/api/v1/orders')).body.items;
    expect(all[0].id).toBe(other.id);
    const created = all.map((o: { createdAt: string }) => o.createdAt);
    expect([...created].sort().reverse()).toEqual(created);

    const paid = (await admin('GET', '/api/v1/orders?status=paid')).body.items;
    expect(paid.map((o: { id: string }) => o.id)).toEqual([other.id]);
    const ofB = (await admin('GET', `/api/v1/orders?customerId=${customerB}`)).body.items;
    expect(ofB.map((o: { id: string }) => o.id)).toEqual([other.id]);
    const byEmail = (await admin('GET', '/api/v1/orders?email=Guest@Example.com')).body.items;
    expect(byEmail).toEqual([expect.objectContaining({ id: guestOrder.id, customerId: null })]);
    expect(byEmail[0].lines).toBeUndefined();

    // A customer's filters never widen what they see.
    expect((await asB('GET', '/api/v1/orders')).body.items.map((o: { id: string }) => o.id)).toEqual([
      other.id,
    ]);
    expect((await asB('GET', `/api/v1/orders?customerId=${customerA}`)).body.items).toHaveLength(1);
    expect((await asB('GET', '/api/v1/orders?email=guest@example.com')).body.items[0].id).toBe(other.id);
    expect((await anonymous()('GET', '/api/v1/orders')).status).toBe(401);
  });

  it('pages by keyset without losing or repeating orders, even when they share a timestamp', async () => {
    const placed = [];
    for (let i = 0; i < 5; i += 1) placed.push(await placeOrder({ email: 'pages@example.com' }));
    const ids = placed.map((o) => o.id);
    // Same instant for all five: only the id breaks the tie.
    await database.db
      .update(schema.orders)
      .set({ createdAt: new Date('2030-01-01T00:00:00.000Z') })
      .where(inArray(schema.orders.id, ids));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/orders?email=pages@example.com&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await admin('GET', path);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((o: { id: string }) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort().reverse());
  });

  it('fulfils and completes through the state machine, recording who and why, with their events', async () => {
    const order = await placeOrder();
    await markPaid(order.id);
    expect((await setStatus(order.id, 'fulfilled', 'shipped')).body.status).toBe('fulfilled');
    expect((await setStatus(order.id, 'completed')).body.status).toBe('completed');
    const history = (await admin('GET', `/api/v1/orders/${order.id}`)).body.history;
    expect(history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'pending_payment',
      'fulfilled',
      'completed',
    ]);
    expect(history[1]).toMatchObject({
      fromStatus: 'paid',
      reason: 'shipped',
      actor: expect.stringMatching(/^user:/),
    });
    expect(history[2]).toMatchObject({ fromStatus: 'fulfilled', reason: null });
    const events = await eventsOf(order.id);
    expect(events.map((e) => e.event_type)).toEqual(['order.updated', 'order.completed']);
    expect(events[0]!.data).toMatchObject({
      previousStatus: 'paid',
      status: 'fulfilled',
      customerId: customerA,
    });
    expect(events[1]!.data).toMatchObject({
      orderId: order.id,
      totalMinor: 3195,
      lines: [{ sku: 'MUG-RED', quantity: 2 }],
    });
  });

  it('follows refunds made in the payment service: partly, then in full', async () => {
    const order = await placeOrder();
    await markPaid(order.id);
    const refund = (refundedMinor: number, fullRefund: boolean) =>
      createEnvelope(paymentRefunded, {
        subject: order.id,
        data: {
          paymentId: randomUUID(),
          orderId: order.id,
          customerId: customerA,
          amountMinor: order.totalMinor,
          currency: 'EUR',
          provider: 'sandbox',
          refundId: randomUUID(),
          refundedMinor,
          fullRefund,
          reason: 'damaged',
          refundedAt: new Date().toISOString(),
        },
      });
    const first = refund(1000, false);
    await platform.publish(first);
    await platform.publish(first); // delivered twice: one effect
    await vi.waitFor(async () =>
      expect((await admin('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('partially_refunded'),
    );
    await platform.publish(refund(2195, true));
    await vi.waitFor(async () =>
      expect((await admin('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('refunded'),
    );
    const history = (await admin('GET', `/api/v1/orders/${order.id}`)).body.history;
    expect(history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'pending_payment',
      'partially_refunded',
      'refunded',
    ]);
    expect(history[1]).toMatchObject({
      actor: 'system:payment',
      reason: expect.stringMatching(/: damaged$/),
    });
  });

  it('refuses what the state machine or the role forbids, changing nothing', async () => {
    const order = await placeOrder();
    const skipped = await setStatus(order.id, 'fulfilled');
    expect(skipped.status).toBe(409);
    expect(skipped.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(skipped.body).toMatchObject({
      code: 'INVALID_TRANSITION',
      from: 'pending_payment',
      to: 'fulfilled',
      allowed: ['paid', 'cancelled'],
    });
    // `paid` comes from payments only: an admin cannot mark an order paid by hand.
    expect((await setStatus(order.id, 'paid')).body.code).toBe('VALIDATION_FAILED');
    const customerTries = await asA('POST', `/api/v1/orders/${order.id}/status`, { status: 'cancelled' });
    expect(customerTries.status).toBe(403);
    expect((await setStatus(order.id, 'cancelled', 'customer asked')).status).toBe(200);
    expect((await setStatus(order.id, 'completed')).body.code).toBe('INVALID_TRANSITION');
    expect((await setStatus(order.id, 'cancelled')).body.code).toBe('INVALID_TRANSITION');
    const detail = (await admin('GET', `/api/v1/orders/${order.id}`)).body;
    expect(detail.status).toBe('cancelled');
    expect(detail.history).toHaveLength(2);
    const events = await eventsOf(order.id);
    expect(events.map((e) => e.event_type)).toEqual(['order.cancelled']);
    expect(events[0]!.data).toMatchObject({ reason: 'admin', refundRequired: false });
  });

  it('serialises concurrent changes: of a cancel and a fulfil on a paid order, exactly one wins', async () => {
    const order = await placeOrder();
    await markPaid(order.id);
    const results = await Promise.all([setStatus(order.id, 'cancelled'), setStatus(order.id, 'fulfilled')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const detail = (await admin('GET', `/api/v1/orders/${order.id}`)).body;
    expect(detail.history).toHaveLength(2);
    expect(detail.status).toBe(results.find((r) => r.status === 200)!.body.status);
  });

  it('answers bad input and unknown orders with problem+json', async () => {
    const order = await placeOrder();
    expect((await setStatus(order.id, 'shipped')).body.code).toBe('VALIDATION_FAILED');
    const extra = await admin('POST', `/api/v1/orders/${order.id}/status`, {
      status: 'fulfilled',
      actor: 'me',
    });
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    expect((await admin('GET', '/api/v1/orders/EMP-000001')).status).toBe(400);
    expect((await admin('GET', '/api/v1/orders?cursor=Zm9yZ2Vk')).body.code).toBe('VALIDATION_FAILED');
    expect((await admin('GET', '/api/v1/orders?limit=0')).status).toBe(400);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await admin('GET', `/api/v1/orders/${missing}`)).body.code).toBe('ORDER_NOT_FOUND');
    expect((await setStatus(missing, 'fulfilled')).body.code).toBe('ORDER_NOT_FOUND');
    expect((await admin('POST', `/api/v1/orders/${missing}/cancel`)).body.code).toBe('ORDER_NOT_FOUND');
    expect((await admin('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('pending_payment');
  });

  it('counts status changes and exposes its OpenAPI document', async () => {
    const metrics = (await anonymous()('GET', '/metrics')).text;
    expect(metrics).toMatch(/order_status_changes_total\{[^}]*from="paid",to="fulfilled"[^}]*\} [1-9]/);
    const openapi = (await anonymous()('GET', '/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/orders',
        '/api/v1/orders/{id}',
        '/api/v1/orders/{id}/status',
        '/api/v1/orders/{id}/cancel',
        '/api/v1/carts',
        '/api/v1/carts/{id}/items/{sku}',
      ]),
    );
  });
});
