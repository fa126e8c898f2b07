import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryService } from '../src/service.js';
import { type InventoryDbClient, inventoryDb } from './support/inventory-db.js';

let service: TestService;
let db: InventoryDbClient;
let admin: ReturnType<typeof httpClient>;
/** The order service's credentials: `inventory:reserve` and nothing else. */
let orders: ReturnType<typeof httpClient>;
let anonymous: ReturnType<typeof httpClient>;

const stockOf = async (sku: string) => (await admin('GET', `/api/v1/inventory/${sku}`)).body;
const reserve = (body: unknown) => orders('POST', '/api/v1/inventory/reservations', body);

beforeAll(async () => {
  // The sweeper stays out of the way here: expiry is judged by the clock, swept or not.
  service = await startTestService(inventoryService, { RESERVATION_SWEEP_INTERVAL_MS: '600000' });
  db = inventoryDb(service.database!.url);
  admin = httpClient(service.url, await service.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
  orders = httpClient(
    service.url,
    await service.identity.bearer({ sub: 'order-service', roles: [], perms: ['inventory:reserve'] }),
  );
  anonymous = httpClient(service.url);
  await admin('POST', '/api/v1/warehouses', { id: 'eu-1', name: 'Berlin' });
  await admin('POST', '/api/v1/warehouses', { id: 'us-1', name: 'Newark' });
});
afterAll(async () => {
  await db?.close();
  await service?.stop();
});

describe(`reservations on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('holds stock once per order id: a repeat gets the same reservation, other lines a conflict', async () => {
    await admin('PUT', '/api/v1/inventory/R-IDEM/warehouses/eu-1', { onHand: 10 });
    const first = await reserve({ orderId: 'order-1', lines: [{ sku: 'R-IDEM', quantity: 3 }] });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      orderId: 'order-1',
      status: 'held',
      lines: [{ sku: 'R-IDEM', warehouseId: 'eu-1', quantity: 3 }],
    });
    const expiresIn = Date.parse(first.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(800_000); // the default TTL, 15 minutes
    expect(expiresIn).toBeLessThanOrEqual(900_000);

    // The same lines, sent again (even split differently), are the same request.
    const again = await reserve({
      orderId: 'order-1',
      lines: [
        { sku: 'R-IDEM', quantity: 1 },
        { sku: 'R-IDEM', quantity: 2 },
      ],
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await reserve({ orderId: 'order-1', lines: [{ sku: 'R-IDEM', quantity: 4 }] });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('RESERVATION_CONFLICT');

    expect(await stockOf('R-IDEM')).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    expect((await orders('GET', '/api/v1/inventory/reservations/order-1')).body).toEqual(first.body);
    expect((await db.eventsOf('order-1')).map((e) => e.type)).toEqual(['inventory.reserved']);
  });

  it('takes the warehouse with the most available first and splits a line when needed', async () => {
    await admin('PUT', '/api/v1/inventory/R-SPLIT/warehouses/eu-1', { onHand: 4 });
    await admin('PUT', '/api/v1/inventory/R-SPLIT/warehouses/us-1', { onHand: 6 });
    const small = await reserve({ orderId: 'order-split-1', lines: [{ sku: 'R-SPLIT', quantity: 2 }] });
    expect(small.body.lines).toEqual([{ sku: 'R-SPLIT', warehouseId: 'us-1', quantity: 2 }]);
    // Now 4 and 4 available: a tie goes by warehouse id, the rest from the other.
    const split = await reserve({ orderId: 'order-split-2', lines: [{ sku: 'R-SPLIT', quantity: 7 }] });
    expect(split.status).toBe(201);
    expect(split.body.lines).toEqual([
      { sku: 'R-SPLIT', warehouseId: 'eu-1', quantity: 4 },
      { sku: 'R-SPLIT', warehouseId: 'us-1', quantity: 3 },
    ]);
    expect(await stockOf('R-SPLIT')).toMatchObject({ onHand: 10, reserved: 9, available: 1 });
    const reserved = (await db.eventsOf('order-split-2'))[0]!;
    expect(reserved.data.lines).toEqual(split.body.lines);
  });

  it('reserves all lines or none, naming every short SKU with what is available', async () => {
    await admin('PUT', '/api/v1/inventory/R-ALL-A/warehouses/eu-1', { onHand: 5 });
    await admin('PUT', '/api/v1/inventory/R-ALL-B/warehouses/eu-1', { onHand: 1 });
    const refused = await reserve({
      orderId: 'order-short',
      lines: [
        { sku: 'R-ALL-A', quantity: 2 },
        { sku: 'R-ALL-B', quantity: 2 },
        { sku: 'R-NOWHERE', quantity: 1 },
      ],
    });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('INSUFFICIENT_STOCK');
    expect(refused.body.shortages).toEqual([
      { sku: 'R-ALL-B', requested: 2, available: 1 },
      { sku: 'R-NOWHERE', requested: 1, available: 0 },
    ]);
    expect(await stockOf('R-ALL-A')).toMatchObject({ reserved: 0, available: 5 });
    expect(await stockOf('R-ALL-B')).toMatchObject({ reserved: 0, available: 1 });
    expect((await orders('GET', '/api/v1/inventory/reservations/order-short')).status).toBe(404);
    const [failed] = await db.eventsOf('order-short');
    expect(failed).toMatchObject({ type: 'inventory.reservation_failed', data: { reason: 'unknown_sku' } });
    expect(failed!.data.shortages).toHaveLength(2);
    expect(await db.rows(`select * from inventory.movements where reference = 'order-short'`)).toEqual([]);

    // Nothing was held, so the same order id may try again once there is stock.
    await admin('PUT', '/api/v1/inventory/R-ALL-B/warehouses/eu-1', { onHand: 3 });
    const retried = await reserve({
      orderId: 'order-short',
      lines: [
        { sku: 'R-ALL-A', quantity: 2 },
        { sku: 'R-ALL-B', quantity: 2 },
      ],
    });
    expect(retried.status).toBe(201);
  });

  it('commits: stock leaves (on hand and reserved drop), once, and can no longer be released', async () => {
    await admin('PUT', '/api/v1/inventory/R-COMMIT/warehouses/eu-1', { onHand: 8 });
    await reserve({ orderId: 'order-commit', lines: [{ sku: 'R-COMMIT', quantity: 3 }] });
    const committed = await orders('POST', '/api/v1/inventory/reservations/order-commit/commit');
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({ status: 'committed', releaseReason: null });
    expect(committed.body.closedAt).toBeTruthy();
    const again = await orders('POST', '/api/v1/inventory/reservations/order-commit/commit');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(committed.body);
    expect(await stockOf('R-COMMIT')).toMatchObject({ onHand: 5, reserved: 0, available: 5 });

    const release = await orders('POST', '/api/v1/inventory/reservations/order-commit/release', {});
    expect(release.status).toBe(409);
    expect(release.body.code).toBe('RESERVATION_COMMITTED');
    expect((await db.eventsOf('order-commit')).map((e) => e.type)).toEqual([
      'inventory.reserved',
      'inventory.committed',
    ]);
    expect(await stockOf('R-COMMIT')).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it('releases: stock returns, once, and a released reservation cannot be committed', async () => {
    await admin('PUT', '/api/v1/inventory/R-RELEASE/warehouses/eu-1', { onHand: 4 });
    await reserve({ orderId: 'order-release', lines: [{ sku: 'R-RELEASE', quantity: 4 }] });
    expect(await stockOf('R-RELEASE')).toMatchObject({ available: 0 });
    const released = await orders('POST', '/api/v1/inventory/reservations/order-release/release', {
      reason: 'payment_failed',
    });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'released', releaseReason: 'payment_failed' });
    // No body at all is fine too, and a repeat changes nothing.
    const again = await orders('POST', '/api/v1/inventory/reservations/order-release/release');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(released.body);
    expect(await stockOf('R-RELEASE')).toMatchObject({ onHand: 4, reserved: 0, available: 4 });

    const commit = await orders('POST', '/api/v1/inventory/reservations/order-release/commit');
    expect(commit.status).toBe(409);
    expect(commit.body.code).toBe('RESERVATION_RELEASED');
    const events = await db.eventsOf('order-release');
    expect(events.map((e) => [e.type, e.data.reason])).toEqual([
      ['inventory.reserved', undefined],
      ['inventory.released', 'payment_failed'],
    ]);
  });

  it('expires by the clock: a lapsed reservation is released, not committed', async () => {
    await admin('PUT', '/api/v1/inventory/R-LAPSE/warehouses/eu-1', { onHand: 2 });
    const held = await reserve({
      orderId: 'order-lapse',
      lines: [{ sku: 'R-LAPSE', quantity: 2 }],
      ttlSeconds: 1,
    });
    expect(Date.parse(held.body.expiresAt) - Date.parse(held.body.createdAt)).toBe(1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const commit = await orders('POST', '/api/v1/inventory/reservations/order-lapse/commit');
    expect(commit.status).toBe(409);
    expect(commit.body.code).toBe('RESERVATION_EXPIRED');
    expect((await orders('GET', '/api/v1/inventory/reservations/order-lapse')).body).toMatchObject({
      status: 'expired',
      releaseReason: 'expired',
    });
    expect(await stockOf('R-LAPSE')).toMatchObject({ onHand: 2, reserved: 0 });
    expect((await orders('POST', '/api/v1/inventory/reservations/order-lapse/commit')).body.code).toBe(
      'RESERVATION_EXPIRED',
    );
    expect((await orders('POST', '/api/v1/inventory/reservations/order-lapse/release')).status).toBe(200);
  });

  it('answers unknown orders with 404 and bad requests with 400, holding nothing', async () => {
    for (const path of ['commit', 'release']) {
      const response = await orders('POST', `/api/v1/inventory/reservations/order-none/${path}`);
      expect(response.body.code).toBe('RESERVATION_NOT_FOUND');
    }
    const bad = [
      { orderId: 'o-bad', lines: [] },
      { orderId: 'o-bad', lines: [{ sku: 'R-IDEM', quantity: 0 }] },
      { orderId: 'o-bad', lines: [{ sku: 'R-IDEM', quantity: 1 }], ttlSeconds: 0 },
      { orderId: 'o-bad', lines: [{ sku: 'R-IDEM', quantity: 1, price: 1 }] },
      { orderId: '', lines: [{ sku: 'R-IDEM', quantity: 1 }] },
      { orderId: 'o-bad', lines: [{ sku: 'R-IDEM', quantity: '1' }] },
    ];
    for (const body of bad) {
      const response = await reserve(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const badReason = await orders('POST', '/api/v1/inventory/reservations/order-1/release', {
      reason: 'whim',
    });
    expect(badReason.status).toBe(400);
    expect((await stockOf('R-IDEM')).reserved).toBe(3);
  });

  it('lets only callers with inventory:reserve hold, commit or release stock', async () => {
    const customer = await service.identity.bearer({ sub: 'customer-1', roles: ['customer'] });
    const catalogManager = await service.identity.bearer({ sub: 'cm-1', roles: ['catalog_manager'] });
    const body = { orderId: 'order-guard', lines: [{ sku: 'R-IDEM', quantity: 1 }] };
    expect((await anonymous('POST', '/api/v1/inventory/reservations', body)).status).toBe(401);
    for (const headers of [customer, catalogManager]) {
      const response = await anonymous('POST', '/api/v1/inventory/reservations', body, headers);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
      expect(
        (await anonymous('POST', '/api/v1/inventory/reservations/order-1/release', {}, headers)).status,
      ).toBe(403);
      expect(
        (await anonymous('GET', '/api/v1/inventory/reservations/order-1', undefined, headers)).status,
      ).toBe(403);
    }
    expect(
      (await db.rows(`select 1 from inventory.reservations where order_id = 'order-guard'`)).length,
    ).toBe(0);
    // The admin role holds every permission, inventory:reserve included.
    expect((await admin('POST', '/api/v1/inventory/reservations', body)).status).toBe(201);
    // The order service's key cannot touch stock levels.
    const adjust = await orders('POST', '/api/v1/inventory/R-IDEM/warehouses/eu-1/adjustments', { delta: 5 });
    expect(adjust.status).toBe(403);
  });
});
