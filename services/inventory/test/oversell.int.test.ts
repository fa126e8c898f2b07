import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryService } from '../src/service.js';
import { type InventoryDbClient, inventoryDb } from './support/inventory-db.js';

let service: TestService;
let db: InventoryDbClient;
let admin: ReturnType<typeof httpClient>;
let orders: ReturnType<typeof httpClient>;

beforeAll(async () => {
  service = await startTestService(inventoryService);
  db = inventoryDb(service.database!.url);
  admin = httpClient(service.url, await service.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
  orders = httpClient(
    service.url,
    await service.identity.bearer({ sub: 'order-service', roles: [], perms: ['inventory:reserve'] }),
  );
  await admin('POST', '/api/v1/warehouses', { id: 'eu-1', name: 'Berlin' });
  await admin('POST', '/api/v1/warehouses', { id: 'us-1', name: 'Newark' });
});
afterAll(async () => {
  await db?.close();
  await service?.stop();
});

/**
 * One unit for one order, retried as the order service retries it: a 503 is
 * the service shedding load (no database connection within its timeout, as
 * happens on a starved PGlite), and a reservation is idempotent on its order
 * id, so a retry can never hold twice.
 */
async function reserveOne(sku: string, i: number, quantity = 1) {
  const body = { orderId: `${sku}-order-${i}`, lines: [{ sku, quantity }] };
  for (let attempt = 1; ; attempt++) {
    const response = await orders('POST', '/api/v1/inventory/reservations', body);
    if (response.status !== 503 || attempt === 8) return response;
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}
const won = (status: number) => status === 201 || status === 200;

describe(`never oversell, on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('100 concurrent reservations of one unit against 10 in stock: exactly 10 succeed', async () => {
    await admin('PUT', '/api/v1/inventory/HOT-1/warehouses/eu-1', { onHand: 10, lowStockThreshold: 2 });
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => reserveOne('HOT-1', i)));

    const unexpected = responses.filter((r) => !won(r.status) && r.status !== 409);
    expect(unexpected.map((r) => `${r.status} ${r.body.code}: ${r.body.detail}`)).toEqual([]);
    expect(responses.filter((r) => won(r.status))).toHaveLength(10);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(90);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(
      new Set(['INSUFFICIENT_STOCK']),
    );
    expect((await admin('GET', '/api/v1/inventory/HOT-1')).body).toMatchObject({
      onHand: 10,
      reserved: 10,
      available: 0,
    });
    // The ledger and the outbox agree with the winners, and the crossings fired once each.
    const movements = await db.rows(
      `select reference from inventory.movements where sku = 'HOT-1' and reason = 'reserve'`,
    );
    expect(movements).toHaveLength(10);
    const winners = responses.filter((r) => won(r.status)).map((r) => r.body.orderId);
    expect(new Set(movements.map((m) => m.reference))).toEqual(new Set(winners));
    expect(await db.countOf('inventory.reserved', 'HOT-1-order-')).toBe(10);
    expect(await db.countOf('inventory.reservation_failed', 'HOT-1-order-')).toBe(90);
    const skuEvents = (await db.eventsOf('HOT-1')).map((e) => e.type);
    expect(skuEvents.filter((t) => t === 'inventory.low_stock')).toHaveLength(1);
    expect(skuEvents.filter((t) => t === 'inventory.out_of_stock')).toHaveLength(1);
    expect(skuEvents.filter((t) => t === 'inventory.updated')).toHaveLength(11);
  });

  it('holds across warehouses under contention too, splitting lines as stock runs out', async () => {
    await admin('PUT', '/api/v1/inventory/HOT-2/warehouses/eu-1', { onHand: 7 });
    await admin('PUT', '/api/v1/inventory/HOT-2/warehouses/us-1', { onHand: 5 });
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => reserveOne('HOT-2', i, 2)));
    expect(responses.filter((r) => won(r.status))).toHaveLength(6);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(34);
    const stock = (await admin('GET', '/api/v1/inventory/HOT-2')).body;
    expect(stock).toMatchObject({ onHand: 12, reserved: 12, available: 0 });
  });

  it('leaves the database guarding itself: no row below zero, the check constraints valid and enforced', async () => {
    const [worst] = await db.rows(
      'select min(on_hand - reserved) as available, min(reserved) as reserved from inventory.stock_levels',
    );
    expect(Number(worst.available)).toBeGreaterThanOrEqual(0);
    expect(Number(worst.reserved)).toBeGreaterThanOrEqual(0);
    const constraints = await db.rows(
      `select conname, convalidated from pg_constraint
       where conrelid = 'inventory.stock_levels'::regclass and contype = 'c' order by conname`,
    );
    expect(constraints).toEqual([
      { conname: 'stock_levels_on_hand_not_negative', convalidated: true },
      { conname: 'stock_levels_reserved_within_on_hand', convalidated: true },
    ]);
    await expect(
      db.rows(`update inventory.stock_levels set reserved = reserved + 1 where sku = 'HOT-1'`),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
