import { createEnvelope, type EventEnvelope } from '@emporium/contracts/events/envelope';
import { inventoryLowStock, inventoryOutOfStock } from '@emporium/contracts/events/inventory-events';
import { orderCancelled } from '@emporium/contracts/events/order-events';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type InventoryDbClient, inventoryDb } from './support/inventory-db.js';
import { createProbe, type Probe } from './support/probe-service.js';
import { type InventoryUnderTest, startInventory } from './support/start-inventory.js';

let inventory: InventoryUnderTest;
let probe: Probe;
let db: InventoryDbClient;
let admin: ReturnType<typeof httpClient>;
let orders: ReturnType<typeof httpClient>;
const alerts: Array<EventEnvelope<typeof inventoryLowStock | typeof inventoryOutOfStock>> = [];

beforeAll(async () => {
  inventory = await startInventory();
  db = inventoryDb(inventory.database!.url);
  // Another service on the same broker: it hears inventory's alerts and announces cancelled orders.
  probe = await createProbe({
    name: 'alert-probe',
    databaseUrl: inventory.database!.url,
    broker: inventory.broker,
    namespace: inventory.namespace,
  });
  probe.events.subscribe([inventoryLowStock, inventoryOutOfStock], async (event) => {
    alerts.push(event);
  });
  await probe.start();
  inventory.broker?.open();
  admin = httpClient(inventory.url, await inventory.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
  orders = httpClient(
    inventory.url,
    await inventory.identity.bearer({ sub: 'order-service', roles: [], perms: ['inventory:reserve'] }),
  );
  await admin('POST', '/api/v1/warehouses', { id: 'eu-1', name: 'Berlin' });
});
afterAll(async () => {
  await probe?.stop();
  await db?.close();
  await inventory?.stop();
});

const cancelled = (orderId: string, sku: string) =>
  createEnvelope(orderCancelled, {
    subject: orderId,
    data: {
      orderId,
      number: 'EMP-1001',
      customerId: 'customer-1',
      email: 'ada@example.com',
      currency: 'EUR',
      totalMinor: 2_500,
      lines: [{ sku, quantity: 2 }],
      reason: 'customer_request',
      refundRequired: false,
      cancelledAt: new Date().toISOString(),
    },
  });

describe(`events between services, on ${process.env.AMQP_URL ? 'RabbitMQ' : 'the in-process broker'}`, () => {
  it('delivers inventory.low_stock, then inventory.out_of_stock, to a subscribed consumer, once each', async () => {
    await admin('PUT', '/api/v1/inventory/FLOW-1/warehouses/eu-1', { onHand: 5, lowStockThreshold: 2 });
    for (const [orderId, quantity] of [
      ['flow-order-1', 3],
      ['flow-order-2', 1],
      ['flow-order-3', 1],
    ] as const) {
      await orders('POST', '/api/v1/inventory/reservations', {
        orderId,
        lines: [{ sku: 'FLOW-1', quantity }],
      });
    }
    await vi.waitFor(() => expect(alerts).toHaveLength(2), { timeout: 10_000, interval: 50 });
    expect(alerts.map((e) => [e.type, e.subject, e.data.sku])).toEqual([
      ['inventory.low_stock', 'FLOW-1', 'FLOW-1'],
      ['inventory.out_of_stock', 'FLOW-1', 'FLOW-1'],
    ]);
    expect(alerts[0]!.data).toMatchObject({ warehouseId: 'eu-1', available: 2, threshold: 2 });
    expect(alerts[0]!.traceparent).toMatch(/^00-[0-9a-f]{32}-/);
    // Sent once, handled once: the probe's inbox holds exactly these two.
    const inbox = await db.rows(`select event_type, status from inventory_probe.inbox order by received_at`);
    expect(inbox).toEqual([
      { event_type: 'inventory.low_stock', status: 'done' },
      { event_type: 'inventory.out_of_stock', status: 'done' },
    ]);
  });

  it('releases a cancelled order’s reservation from order.cancelled, once however often it arrives', async () => {
    await admin('PUT', '/api/v1/inventory/FLOW-2/warehouses/eu-1', { onHand: 6 });
    await orders('POST', '/api/v1/inventory/reservations', {
      orderId: 'flow-cancel-1',
      lines: [{ sku: 'FLOW-2', quantity: 2 }],
    });
    const event = cancelled('flow-cancel-1', 'FLOW-2');
    await probe.transaction((tx) => probe.events.enqueue(tx, event));

    await vi.waitFor(
      async () =>
        expect((await orders('GET', '/api/v1/inventory/reservations/flow-cancel-1')).body).toMatchObject({
          status: 'released',
          releaseReason: 'order_cancelled',
        }),
      { timeout: 10_000, interval: 100 },
    );
    await probe.publish(event); // a redelivery of the same event
    if (process.env.AMQP_URL) {
      // RabbitMQ hands it to the handler again, which finds it in the inbox (the in-process
      // broker's publish already returned after the inbox turned it away).
      await vi.waitFor(
        async () => {
          const metrics = (await admin('GET', '/metrics')).text.split('\n');
          expect(
            metrics.some((line: string) =>
              /^events_consumed_total\{.*order\.cancelled.*duplicate.*\} 1$|^events_consumed_total\{.*duplicate.*order\.cancelled.*\} 1$/.test(
                line,
              ),
            ),
          ).toBe(true);
        },
        { timeout: 5_000, interval: 100 },
      );
    }
    expect((await admin('GET', '/api/v1/inventory/FLOW-2')).body).toMatchObject({
      reserved: 0,
      available: 6,
    });
    const releases = await db.rows(
      `select actor from inventory.movements where reference = 'flow-cancel-1' and reason = 'release'`,
    );
    expect(releases).toEqual([{ actor: 'system' }]);
    expect((await db.eventsOf('flow-cancel-1')).map((e) => e.type)).toEqual([
      'inventory.reserved',
      'inventory.released',
    ]);
  });

  it('leaves a committed reservation committed when its order is cancelled later', async () => {
    await admin('PUT', '/api/v1/inventory/FLOW-3/warehouses/eu-1', { onHand: 3 });
    await orders('POST', '/api/v1/inventory/reservations', {
      orderId: 'flow-cancel-2',
      lines: [{ sku: 'FLOW-3', quantity: 2 }],
    });
    await orders('POST', '/api/v1/inventory/reservations/flow-cancel-2/commit');
    const event = cancelled('flow-cancel-2', 'FLOW-3');
    await probe.transaction((tx) => probe.events.enqueue(tx, event));
    await vi.waitFor(
      async () => {
        const rows = await db.rows(`select status from inventory.inbox where event_id = $1`, [event.id]);
        expect(rows).toEqual([{ status: 'done' }]);
      },
      { timeout: 10_000, interval: 100 },
    );
    expect((await orders('GET', '/api/v1/inventory/reservations/flow-cancel-2')).body.status).toBe(
      'committed',
    );
    expect((await admin('GET', '/api/v1/inventory/FLOW-3')).body).toMatchObject({ onHand: 1, reserved: 0 });
  });
});
