import { createDatabase, type Database } from '@emporium/platform/db/database';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOrder } from '../src/db/orders.repo.js';
import * as schema from '../src/db/schema.js';
import { type LineInput, priceOrder } from '../src/domain/order-totals.js';
import { orderService } from '../src/service.js';

let service: TestService;
let database: Database<typeof schema>;
let send: ReturnType<typeof httpClient>;

beforeAll(async () => {
  service = await startTestService(orderService);
  database = createDatabase(
    { url: service.database!.url, poolMax: 2, applicationName: 'order-test' },
    schema,
  );
  send = httpClient(service.url);
});
afterAll(async () => {
  await database?.close();
  await service?.stop();
});

const address = {
  name: 'Ada Lovelace',
  line1: '12 St James Sq',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};
const customerA = '0195f3a0-0000-7000-8000-00000000000a';
const customerB = '0195f3a0-0000-7000-8000-00000000000b';

/** Stands in for the checkout of a later issue: prices the lines and writes the order through the repo. */
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
  return insertOrder(database.db, {
    customerId: options.customerId === undefined ? customerA : options.customerId,
    email: options.email ?? 'ada@example.com',
    currency: 'EUR',
    shippingAddress: address,
    idempotencyKey: null,
    ...priced,
    actor: 'system:test',
  });
}

const setStatus = (id: string, status: string, reason?: string) =>
  send('POST', `/api/v1/orders/${id}/status`, reason === undefined ? { status } : { status, reason });

describe(`order service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database', async () => {
    const response = await send('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toContain('database');
  });

  it('shows an order with its lines, totals and creation in its history', async () => {
    const order = await placeOrder({
      lines: [
        { sku: 'TEE-M', productId: 'p2', title: 'Tee, M', unitPriceMinor: 1999, quantity: 1 },
        { sku: 'MUG-RED', productId: 'p1', title: 'Red mug', unitPriceMinor: 1250, quantity: 2 },
      ],
      discountMinor: 500,
    });
    expect(order.number).toMatch(/^EMP-\d{6}$/);
    const response = await send('GET', `/api/v1/orders/${order.id}`);
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
    expect(response.text).not.toMatch(/idempotency/i);
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
      insertOrder(database.db, {
        customerId: null,
        email: 'cheat@example.com',
        currency: 'EUR',
        shippingAddress: address,
        idempotencyKey: null,
        lines: priced.lines,
        totals: { ...priced.totals, totalMinor: 1 },
        actor: 'system:test',
      }),
    ).rejects.toThrow();
    expect((await send('GET', '/api/v1/orders?email=cheat@example.com')).body.items).toEqual([]);
  });

  it('lists orders newest first, filtered by status, customer and email', async () => {
    const guest = await placeOrder({ customerId: null, email: 'guest@example.com' });
    const other = await placeOrder({ customerId: customerB, email: 'bob@example.com' });
    expect((await setStatus(other.id, 'paid')).status).toBe(200);

    const all = (await send('GET', '/api/v1/orders')).body.items;
    expect(all[0].id).toBe(other.id);
    const created = all.map((o: { createdAt: string }) => o.createdAt);
    expect([...created].sort().reverse()).toEqual(created);

    const paid = (await send('GET', '/api/v1/orders?status=paid')).body.items;
    expect(paid.map((o: { id: string }) => o.id)).toEqual([other.id]);
    const ofB = (await send('GET', `/api/v1/orders?customerId=${customerB}`)).body.items;
    expect(ofB.map((o: { id: string }) => o.id)).toEqual([other.id]);
    const byEmail = (await send('GET', '/api/v1/orders?email=Guest@Example.com')).body.items;
    expect(byEmail).toEqual([expect.objectContaining({ id: guest.id, customerId: null })]);
    expect(byEmail[0].lines).toBeUndefined();
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
      const page = await send('GET', path);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((o: { id: string }) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort().reverse());
  });

  it('moves an order through allowed statuses, recording who and why', async () => {
    const order = await placeOrder();
    for (const [status, reason] of [
      ['paid', 'payment captured'],
      ['fulfilled', 'shipped'],
      ['completed', undefined],
      ['partially_refunded', 'one mug broken'],
      ['partially_refunded', 'second mug broken'],
      ['refunded', 'rest refunded'],
    ] as const) {
      const response = await setStatus(order.id, status, reason);
      expect(response.status, `${status}`).toBe(200);
      expect(response.body.status).toBe(status);
    }
    const history = (await send('GET', `/api/v1/orders/${order.id}`)).body.history;
    expect(history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'pending_payment',
      'paid',
      'fulfilled',
      'completed',
      'partially_refunded',
      'partially_refunded',
      'refunded',
    ]);
    expect(history[1]).toMatchObject({
      fromStatus: 'pending_payment',
      actor: 'admin',
      reason: 'payment captured',
    });
    expect(history[3]).toMatchObject({ fromStatus: 'fulfilled', reason: null });
  });

  it('refuses transitions the state machine forbids, changing nothing', async () => {
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
    expect((await setStatus(order.id, 'cancelled', 'customer asked')).status).toBe(200);
    expect((await setStatus(order.id, 'paid')).body.code).toBe('INVALID_TRANSITION');
    expect((await setStatus(order.id, 'cancelled')).body.code).toBe('INVALID_TRANSITION');
    const detail = (await send('GET', `/api/v1/orders/${order.id}`)).body;
    expect(detail.status).toBe('cancelled');
    expect(detail.history).toHaveLength(2);
  });

  it('serialises concurrent changes: of a cancel and a fulfil on a paid order, exactly one wins', async () => {
    const order = await placeOrder();
    await setStatus(order.id, 'paid');
    const results = await Promise.all([setStatus(order.id, 'cancelled'), setStatus(order.id, 'fulfilled')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const detail = (await send('GET', `/api/v1/orders/${order.id}`)).body;
    expect(detail.history).toHaveLength(3);
    expect(detail.status).toBe(results.find((r) => r.status === 200)!.body.status);
  });

  it('answers bad input and unknown orders with problem+json', async () => {
    const order = await placeOrder();
    expect((await setStatus(order.id, 'shipped')).body.code).toBe('VALIDATION_FAILED');
    const extra = await send('POST', `/api/v1/orders/${order.id}/status`, { status: 'paid', actor: 'me' });
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    expect((await send('GET', '/api/v1/orders/EMP-000001')).status).toBe(400);
    expect((await send('GET', '/api/v1/orders?cursor=Zm9yZ2Vk')).body.code).toBe('VALIDATION_FAILED');
    expect((await send('GET', '/api/v1/orders?limit=0')).status).toBe(400);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await send('GET', `/api/v1/orders/${missing}`)).body.code).toBe('ORDER_NOT_FOUND');
    expect((await setStatus(missing, 'paid')).body.code).toBe('ORDER_NOT_FOUND');
    expect((await send('GET', `/api/v1/orders/${order.id}`)).body.status).toBe('pending_payment');
  });

  it('counts status changes and exposes its OpenAPI document', async () => {
    const metrics = (await send('GET', '/metrics')).text;
    expect(metrics).toMatch(/order_status_changes_total\{[^}]*from="pending_payment",to="paid"[^}]*\} [1-9]/);
    const openapi = (await send('GET', '/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/orders', '/api/v1/orders/{id}', '/api/v1/orders/{id}/status']),
    );
  });
});
