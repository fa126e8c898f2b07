import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryService } from '../src/service.js';
import { type InventoryDbClient, inventoryDb } from './support/inventory-db.js';

let service: TestService;
let db: InventoryDbClient;
let admin: ReturnType<typeof httpClient>;
let orders: ReturnType<typeof httpClient>;
let anonymous: ReturnType<typeof httpClient>;

beforeAll(async () => {
  service = await startTestService(inventoryService, { DEFAULT_LOW_STOCK_THRESHOLD: '2' });
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

let order = 0;
const reserve = async (sku: string, quantity: number) => {
  const response = await orders('POST', '/api/v1/inventory/reservations', {
    orderId: `alerts-${++order}`,
    lines: [{ sku, quantity }],
  });
  expect(response.status).toBe(201);
};
const adjust = (sku: string, warehouseId: string, body: unknown) =>
  admin('POST', `/api/v1/inventory/${sku}/warehouses/${warehouseId}/adjustments`, body);
const alertsOf = async (sku: string) =>
  (await db.eventsOf(sku)).filter((e) => e.type !== 'inventory.updated').map((e) => e.type.slice(10));

describe(`low-stock and out-of-stock alerts on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('fires each crossing once, not on every sale below it, and again after a restock', async () => {
    await admin('PUT', '/api/v1/inventory/ALERT-1/warehouses/eu-1', { onHand: 6, lowStockThreshold: 3 });
    await reserve('ALERT-1', 3); // 3 left: at the threshold
    expect(await alertsOf('ALERT-1')).toEqual(['low_stock']);
    await reserve('ALERT-1', 1); // 2: still low, nothing new
    await reserve('ALERT-1', 1); // 1
    expect(await alertsOf('ALERT-1')).toEqual(['low_stock']);
    await reserve('ALERT-1', 1); // 0: out
    expect(await alertsOf('ALERT-1')).toEqual(['low_stock', 'out_of_stock']);

    expect((await adjust('ALERT-1', 'eu-1', { delta: 10, reason: 'receive' })).status).toBe(200); // 10 available
    await reserve('ALERT-1', 6); // 4: above
    expect(await alertsOf('ALERT-1')).toEqual(['low_stock', 'out_of_stock']);
    await reserve('ALERT-1', 2); // 2: a new crossing
    await reserve('ALERT-1', 2); // 0: out again
    expect(await alertsOf('ALERT-1')).toEqual(['low_stock', 'out_of_stock', 'low_stock', 'out_of_stock']);

    const events = await db.eventsOf('ALERT-1');
    // inventory.updated on every change: 1 set, 7 reservations, 1 adjustment.
    expect(events.filter((e) => e.type === 'inventory.updated')).toHaveLength(9);
    expect(events.find((e) => e.type === 'inventory.low_stock')!.data).toMatchObject({
      sku: 'ALERT-1',
      warehouseId: 'eu-1',
      available: 3,
      threshold: 3,
    });
    expect(events.find((e) => e.type === 'inventory.out_of_stock')!.data).toMatchObject({
      sku: 'ALERT-1',
      warehouseId: 'eu-1',
      totalAvailable: 0,
    });
  });

  it('says out of stock only when no warehouse has any left', async () => {
    await admin('PUT', '/api/v1/inventory/ALERT-2/warehouses/eu-1', { onHand: 1, lowStockThreshold: 0 });
    await admin('PUT', '/api/v1/inventory/ALERT-2/warehouses/us-1', { onHand: 1, lowStockThreshold: 0 });
    await reserve('ALERT-2', 1);
    expect(await alertsOf('ALERT-2')).toEqual(['low_stock']); // one warehouse at 0 = its threshold
    await reserve('ALERT-2', 1);
    expect(await alertsOf('ALERT-2')).toEqual(['low_stock', 'low_stock', 'out_of_stock']);
  });

  it('keeps a complete ledger: every change a movement, deltas summing to the stock', async () => {
    await admin('PUT', '/api/v1/inventory/LEDGER-1/warehouses/eu-1', { onHand: 10 });
    await admin('PUT', '/api/v1/inventory/LEDGER-1/warehouses/us-1', { onHand: 4 });
    await admin('PUT', '/api/v1/inventory/LEDGER-1/warehouses/eu-1', { onHand: 12 });
    await adjust('LEDGER-1', 'eu-1', { delta: -2, note: 'dropped a box' });
    await adjust('LEDGER-1', 'us-1', { delta: 5, reason: 'receive', note: 'PO-77' });
    await orders('POST', '/api/v1/inventory/reservations', {
      orderId: 'ledger-order-1',
      lines: [{ sku: 'LEDGER-1', quantity: 11 }],
    });
    await orders('POST', '/api/v1/inventory/reservations/ledger-order-1/commit');
    await orders('POST', '/api/v1/inventory/reservations', {
      orderId: 'ledger-order-2',
      lines: [{ sku: 'LEDGER-1', quantity: 3 }],
    });
    await orders('POST', '/api/v1/inventory/reservations/ledger-order-2/release', {});

    const all: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const page: {
        status: number;
        body: { items: Array<Record<string, unknown>>; nextCursor: string | null };
      } = await admin(
        'GET',
        `/api/v1/inventory/LEDGER-1/movements?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);

    const ids = all.map((m) => m.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => b - a)); // newest first, no repeats across pages
    expect(new Set(ids).size).toBe(ids.length);
    const oldestFirst = [...all].reverse();
    expect(oldestFirst.map((m) => [m.reason, m.warehouseId, m.onHandDelta, m.reservedDelta])).toEqual([
      ['set', 'eu-1', 10, 0],
      ['set', 'us-1', 4, 0],
      ['set', 'eu-1', 2, 0],
      ['adjust', 'eu-1', -2, 0],
      ['receive', 'us-1', 5, 0],
      ['reserve', 'eu-1', 0, 10], // most available first: eu-1 10, then us-1
      ['reserve', 'us-1', 0, 1],
      ['commit', 'eu-1', -10, -10],
      ['commit', 'us-1', -1, -1],
      ['reserve', 'us-1', 0, 3],
      ['release', 'us-1', 0, -3],
    ]);
    expect(oldestFirst[0]).toMatchObject({ actor: 'admin-1', reference: null, note: null });
    expect(oldestFirst[4]).toMatchObject({ actor: 'admin-1', note: 'PO-77' });
    expect(oldestFirst[5]).toMatchObject({ actor: 'order-service', reference: 'ledger-order-1' });

    const stock = (await admin('GET', '/api/v1/inventory/LEDGER-1')).body;
    for (const row of stock.warehouses) {
      const mine = all.filter((m) => m.warehouseId === row.warehouseId);
      expect(mine.reduce((sum, m) => sum + (m.onHandDelta as number), 0)).toBe(row.onHand);
      expect(mine.reduce((sum, m) => sum + (m.reservedDelta as number), 0)).toBe(row.reserved);
    }
    const usOnly = await admin('GET', '/api/v1/inventory/LEDGER-1/movements?warehouseId=us-1&limit=100');
    expect(usOnly.body.items.every((m: { warehouseId: string }) => m.warehouseId === 'us-1')).toBe(true);
    expect(usOnly.body.items).toHaveLength(6);
  });

  it('refuses an adjustment below what is reserved, changing nothing', async () => {
    await admin('PUT', '/api/v1/inventory/ADJ-1/warehouses/eu-1', { onHand: 5 });
    await orders('POST', '/api/v1/inventory/reservations', {
      orderId: 'adj-order',
      lines: [{ sku: 'ADJ-1', quantity: 4 }],
    });
    const before = await db.eventsOf('ADJ-1');
    const below = await adjust('ADJ-1', 'eu-1', { delta: -2 });
    expect(below.status).toBe(409);
    expect(below.body.code).toBe('STOCK_BELOW_RESERVED');
    expect((await adjust('ADJ-1', 'eu-1', { delta: -9 })).body.code).toBe('STOCK_BELOW_RESERVED');
    expect((await admin('PUT', '/api/v1/inventory/ADJ-1/warehouses/eu-1', { onHand: 3 })).status).toBe(409);
    expect((await adjust('ADJ-1', 'us-1', { delta: -1 })).body.code).toBe('STOCK_BELOW_RESERVED');
    expect((await adjust('ADJ-1', 'eu-1', { delta: 0 })).status).toBe(400);
    expect((await adjust('ADJ-1', 'eu-1', { delta: -1, reason: 'receive' })).status).toBe(400);
    expect((await adjust('ADJ-1', 'nowhere', { delta: 1 })).body.code).toBe('WAREHOUSE_NOT_FOUND');
    expect(await db.eventsOf('ADJ-1')).toEqual(before);
    const stock = (await admin('GET', '/api/v1/inventory/ADJ-1')).body;
    expect(stock.warehouses).toHaveLength(1); // the refused us-1 adjustment created no row
    expect(stock).toMatchObject({ onHand: 5, reserved: 4 });
    expect(
      (await db.rows(`select count(*)::int as n from inventory.movements where sku = 'ADJ-1'`))[0].n,
    ).toBe(2);
    expect((await adjust('ADJ-1', 'eu-1', { delta: -1 })).body).toMatchObject({ onHand: 4, available: 0 });
  });

  it('keeps a row threshold unless one is given, and lists rows at or below it page by page', async () => {
    await admin('PUT', '/api/v1/inventory/LOW-1/warehouses/eu-1', { onHand: 9, lowStockThreshold: 4 });
    const recount = await admin('PUT', '/api/v1/inventory/LOW-1/warehouses/eu-1', { onHand: 4 });
    expect(recount.body.warehouses[0].lowStockThreshold).toBe(4);
    await admin('PUT', '/api/v1/inventory/LOW-2/warehouses/us-1', { onHand: 2 }); // the default, 2
    await admin('PUT', '/api/v1/inventory/LOW-3/warehouses/eu-1', { onHand: 3 }); // above the default

    const seen: Array<{ sku: string; warehouseId: string; available: number; lowStockThreshold: number }> =
      [];
    let cursor: string | null = null;
    do {
      const page = await admin(
        'GET',
        `/api/v1/inventory/low-stock?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const keys = seen.map((row) => `${row.sku}@${row.warehouseId}`);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain('LOW-1@eu-1');
    expect(keys).toContain('LOW-2@us-1');
    expect(keys).toContain('ALERT-1@eu-1');
    expect(keys).not.toContain('LOW-3@eu-1');
    expect(seen.every((row) => row.available <= row.lowStockThreshold)).toBe(true);
    const usOnly = await admin('GET', '/api/v1/inventory/low-stock?warehouseId=us-1&limit=100');
    expect(usOnly.body.items.every((row: { warehouseId: string }) => row.warehouseId === 'us-1')).toBe(true);
    expect((await admin('GET', '/api/v1/inventory/low-stock?cursor=bm9wZQ')).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('keeps the ledger, adjustments and low-stock list to stock managers', async () => {
    const customer = await service.identity.bearer({ sub: 'customer-1', roles: ['customer'] });
    const catalogManager = await service.identity.bearer({ sub: 'cm-1', roles: ['catalog_manager'] });
    for (const [method, path, body] of [
      ['GET', '/api/v1/inventory/LEDGER-1/movements', undefined],
      ['GET', '/api/v1/inventory/low-stock', undefined],
      ['POST', '/api/v1/inventory/LEDGER-1/warehouses/eu-1/adjustments', { delta: 1 }],
    ] as const) {
      expect((await anonymous(method, path, body)).status).toBe(401);
      const forbidden = await anonymous(method, path, body, customer);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      expect((await anonymous(method, path, body, catalogManager)).status).toBe(200);
    }
  });
});
