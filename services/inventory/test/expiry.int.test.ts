import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type InventoryDbClient, inventoryDb } from './support/inventory-db.js';
import { type InventoryUnderTest, startInventory } from './support/start-inventory.js';

/** Two replicas of the service on one database, both sweeping every 100 ms. */
let first: InventoryUnderTest;
let second: InventoryUnderTest;
let db: InventoryDbClient;
const sweepEnv = { RESERVATION_SWEEP_INTERVAL_MS: '100', RESERVATION_SWEEP_BATCH: '3' };

beforeAll(async () => {
  first = await startInventory({ env: sweepEnv });
  first.broker?.open();
  second = await startInventory({
    env: sweepEnv,
    databaseUrl: first.database!.url,
    namespace: first.namespace,
  });
  second.broker?.open();
  db = inventoryDb(first.database!.url);
});
afterAll(async () => {
  await db?.close();
  await second?.stop();
  await first?.stop();
});

describe(`reservation expiry on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('releases lapsed reservations automatically, each exactly once with two replicas sweeping', async () => {
    const clients = await Promise.all(
      [first, second].map(async (replica) => ({
        admin: httpClient(replica.url, await replica.identity.bearer({ sub: 'admin-1', roles: ['admin'] })),
        orders: httpClient(
          replica.url,
          await replica.identity.bearer({ sub: 'order-service', roles: [], perms: ['inventory:reserve'] }),
        ),
      })),
    );
    const [one, two] = clients as [(typeof clients)[0], (typeof clients)[0]];
    await one.admin('POST', '/api/v1/warehouses', { id: 'eu-1', name: 'Berlin' });
    await one.admin('PUT', '/api/v1/inventory/EXP-1/warehouses/eu-1', { onHand: 30 });

    const lapsing = Array.from({ length: 20 }, (_, i) => `exp-order-${i}`);
    const held = [];
    for (const [i, orderId] of lapsing.entries()) {
      held.push(
        await (i % 2 ? one : two).orders('POST', '/api/v1/inventory/reservations', {
          orderId,
          lines: [{ sku: 'EXP-1', quantity: 1 }],
          ttlSeconds: 1,
        }),
      );
    }
    const kept = await one.orders('POST', '/api/v1/inventory/reservations', {
      orderId: 'exp-kept',
      lines: [{ sku: 'EXP-1', quantity: 2 }],
    });
    expect(kept.status).toBe(201);
    expect(held.map((r) => r.status)).toEqual(lapsing.map(() => 201));

    await vi.waitFor(
      async () => expect((await two.admin('GET', '/api/v1/inventory/EXP-1')).body.reserved).toBe(2),
      { timeout: 15_000, interval: 200 },
    );
    for (const orderId of lapsing.slice(0, 3)) {
      expect((await one.orders('GET', `/api/v1/inventory/reservations/${orderId}`)).body).toMatchObject({
        status: 'expired',
        releaseReason: 'expired',
      });
    }
    expect((await two.orders('GET', '/api/v1/inventory/reservations/exp-kept')).body.status).toBe('held');

    const expired = await db.rows(
      `select reference, actor, reserved_delta from inventory.movements where sku = 'EXP-1' and reason = 'expire'`,
    );
    expect(expired).toHaveLength(20);
    expect(new Set(expired.map((m) => m.reference))).toEqual(new Set(lapsing));
    expect(expired.every((m) => m.actor === 'system' && m.reserved_delta === -1)).toBe(true);
    expect(await db.countOf('inventory.released', 'exp-order-')).toBe(20);
    const [released] = await db.eventsOf('exp-order-0').then((events) => events.slice(1));
    expect(released).toMatchObject({ type: 'inventory.released', data: { reason: 'expired' } });
    expect((await two.admin('GET', '/api/v1/inventory/EXP-1')).body).toMatchObject({
      onHand: 30,
      reserved: 2,
    });
  });
});
