import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogPlatform, pollUntil, startCatalogPlatform } from './support/catalog-platform.js';

/**
 * Issue 5, inventory side, through the gateway on the embedded platform:
 * stock alerts fire once per crossing of the threshold (read where they
 * leave the service: its outbox, published through the in-process broker),
 * and the order service's API key holds stock through the edge.
 */
let shop: CatalogPlatform;
const warehouse = 'e2e-stock';

beforeAll(async () => {
  shop = await startCatalogPlatform();
  const created = await shop.admin('POST', '/api/v1/warehouses', { id: warehouse, name: 'E2E stock' });
  expect(created.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await shop?.stop();
});

/** The stock alerts the inventory service announced for a SKU, oldest first. */
async function alertsOf(sku: string) {
  const { rows } = await shop.database.query<{
    event_type: string;
    published_at: Date | null;
    envelope: { data: { available?: number; threshold?: number } };
  }>(
    `select event_type, published_at, envelope from inventory.outbox
      where aggregate_id = $1 and event_type in ('inventory.low_stock', 'inventory.out_of_stock')
      order by id`,
    [sku],
  );
  return rows;
}
const typesOf = async (sku: string) => (await alertsOf(sku)).map((row) => row.event_type);

async function setStock(sku: string, body: { onHand: number; lowStockThreshold?: number }) {
  const response = await shop.admin('PUT', `/api/v1/inventory/${sku}/warehouses/${warehouse}`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

describe('stock through the gateway', () => {
  it('announces inventory.low_stock once per crossing below the threshold, and out_of_stock at zero', async () => {
    const sku = 'E2E-LOW-1';
    await setStock(sku, { onHand: 10, lowStockThreshold: 5 });
    expect(await typesOf(sku)).toEqual([]);

    // Crossing below: one alert.
    await setStock(sku, { onHand: 4 });
    expect(await typesOf(sku)).toEqual(['inventory.low_stock']);
    // Further sales below the threshold: no new alert.
    await setStock(sku, { onHand: 3 });
    const sold = await shop.admin('POST', `/api/v1/inventory/${sku}/warehouses/${warehouse}/adjustments`, {
      delta: -1,
    });
    expect(sold.status).toBe(200);
    expect(sold.body.available).toBe(2);
    expect(await typesOf(sku)).toEqual(['inventory.low_stock']);

    // Restocked above it, then below again: a second crossing, a second alert.
    await setStock(sku, { onHand: 20 });
    await setStock(sku, { onHand: 2 });
    expect(await typesOf(sku)).toEqual(['inventory.low_stock', 'inventory.low_stock']);
    // Down to zero: out of stock, once; still low, so no third low_stock.
    await setStock(sku, { onHand: 0 });
    await setStock(sku, { onHand: 0 });
    expect(await typesOf(sku)).toEqual([
      'inventory.low_stock',
      'inventory.low_stock',
      'inventory.out_of_stock',
    ]);

    const alerts = await alertsOf(sku);
    expect(alerts.map((row) => row.envelope.data)).toMatchObject([
      { available: 4, threshold: 5 },
      { available: 2, threshold: 5 },
      {},
    ]);
    // Each left the service through the relay and the broker.
    const published = await pollUntil(
      () => alertsOf(sku),
      (rows) => rows.every((row) => row.published_at !== null),
      { timeoutMs: 5_000 },
    );
    expect(published.met).toBe(true);

    // The admin list of low-stock rows shows it (inventory:read), not to customers.
    const low = await shop.admin('GET', `/api/v1/inventory/low-stock?warehouseId=${warehouse}`);
    expect(low.status).toBe(200);
    expect(low.body.items).toContainEqual(
      expect.objectContaining({ sku, available: 0, lowStockThreshold: 5 }),
    );
    expect((await shop.customer('GET', '/api/v1/inventory/low-stock')).status).toBe(403);
  });

  it("lets the order service's API key hold, read and release stock through the gateway, and nobody else", async () => {
    const sku = 'E2E-RES-1';
    await setStock(sku, { onHand: 6, lowStockThreshold: 3 });
    const orderId = randomUUID();
    const hold = { orderId, lines: [{ sku, quantity: 4 }] };
    const byKey = { 'x-api-key': shop.orderServiceKey };

    // Refused at the edge to a customer and to an anonymous caller; a catalog manager's
    // inventory:write is not inventory:reserve.
    expect((await shop.anonymous('POST', '/api/v1/inventory/reservations', hold)).status).toBe(401);
    expect((await shop.customer('POST', '/api/v1/inventory/reservations', hold)).status).toBe(403);
    const manager = await shop.as({ sub: 'manager-e2e', roles: ['catalog_manager'] });
    expect((await manager('POST', '/api/v1/inventory/reservations', hold)).status).toBe(403);
    expect((await shop.customer('GET', `/api/v1/inventory/reservations/${orderId}`)).status).toBe(403);

    const held = await shop.anonymous('POST', '/api/v1/inventory/reservations', hold, byKey);
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(held.body).toMatchObject({ orderId, status: 'held' });
    // Idempotent on the order id.
    expect((await shop.anonymous('POST', '/api/v1/inventory/reservations', hold, byKey)).status).toBe(200);
    const read = await shop.anonymous('GET', `/api/v1/inventory/reservations/${orderId}`, undefined, byKey);
    expect(read.status).toBe(200);
    const stock = await shop.anonymous('GET', `/api/v1/inventory/${sku}`);
    expect(stock.body.warehouses).toContainEqual(
      expect.objectContaining({ warehouseId: warehouse, available: 2 }),
    );
    // Holding stock is a sale in waiting: it crossed the threshold.
    expect(await typesOf(sku)).toEqual(['inventory.low_stock']);

    const released = await shop.anonymous(
      'POST',
      `/api/v1/inventory/reservations/${orderId}/release`,
      { reason: 'order_cancelled' },
      byKey,
    );
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body.status).toBe('released');
    const after = await shop.anonymous('GET', `/api/v1/inventory/${sku}`);
    expect(after.body.warehouses).toContainEqual(
      expect.objectContaining({ warehouseId: warehouse, available: 6 }),
    );
  });
});
