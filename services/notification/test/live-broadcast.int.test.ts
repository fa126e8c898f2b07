import { randomUUID } from 'node:crypto';
import { createLogger } from '@emporium/platform/log/logger';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLiveHub } from '../src/live/live-hub.js';
import { broadcastOverRedis } from '../src/live/redis-broadcast.js';

/**
 * Two replicas of the notification service, as two hubs on one Redis: the
 * replica that handles an event is not the one holding the customer's socket.
 * Needs Redis (REDIS_URL): embedded mode has one process and no broadcast.
 */
const redisUrl = process.env.REDIS_URL;
const logger = createLogger({ service: 'notification', version: 'test', level: 'silent' });
const opened: Array<{ close: () => Promise<void> }> = [];

function replica(channel: string) {
  const hub = broadcastOverRedis(createLiveHub(), { url: redisUrl!, channel, logger });
  opened.push(hub);
  return hub;
}

function socket() {
  const received: unknown[] = [];
  return { received, readyState: 1, send: (text: string) => received.push(JSON.parse(text)) };
}

afterAll(async () => {
  for (const hub of opened) await hub.close();
});

describe.skipIf(!redisUrl)('live updates across replicas (Redis)', () => {
  it("reaches the customer's socket on another replica, and staff everywhere, and nobody else", async () => {
    const channel = `test-${randomUUID()}:notification:live`;
    const handling = replica(channel);
    const holding = replica(channel);
    const customer = socket();
    const stranger = socket();
    const staff = socket();
    holding.join({ kind: 'user', subject: 'customer-1', roles: ['customer'], permissions: [] }, customer);
    holding.join({ kind: 'user', subject: 'customer-2', roles: ['customer'], permissions: [] }, stranger);
    handling.join({ kind: 'user', subject: 'admin-1', roles: ['admin'], permissions: [] }, staff);
    // Both subscriptions are up once a probe goes round.
    await vi.waitFor(
      () => {
        holding.toUser('customer-1', { type: 'probe', eventId: 'probe', data: {} });
        expect(customer.received.length).toBeGreaterThan(0);
      },
      { timeout: 5_000, interval: 100 },
    );

    handling.toUser('customer-1', { type: 'order.updated', eventId: 'e-1', data: { status: 'paid' } });
    holding.toStaff({ type: 'inventory.low_stock', eventId: 'e-2', data: { sku: 'SKU-1' } });
    await vi.waitFor(() => {
      expect(customer.received.filter((m) => (m as { type: string }).type !== 'probe')).toEqual([
        { type: 'order.updated', eventId: 'e-1', data: { status: 'paid' } },
      ]);
      expect(staff.received).toEqual([
        { type: 'inventory.low_stock', eventId: 'e-2', data: { sku: 'SKU-1' } },
      ]);
    });
    expect(stranger.received).toEqual([]);
  });
});
