import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import { inventoryService } from '@emporium/inventory/service';
import { inboxDeliveryStore } from '@emporium/platform/events/inbox-delivery-store';
import { testEventSettings } from '@emporium/platform/testing/test-broker';
import { productService } from '@emporium/product/service';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deadLetters, inbox } from '../src/db/schema.js';
import { guest, paymentCompletedFor, paymentFailedFor, query } from './support/checkout.js';
import {
  type Shop,
  serviceTokenOf,
  startPlatform,
  stockOf,
  stockProduct,
  type TestPlatform,
  uniqueSku,
} from './support/shop.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const childScript = fileURLToPath(new URL('./support/order-process.ts', import.meta.url));

let platform: TestPlatform;
let shop: Pick<Shop, 'product' | 'inventory' | 'admin'>;
let sku: string;
let orderEnv: Record<string, string>;
let pool: pg.Pool;
const onHand = 40;

interface OrderProcess {
  child: ChildProcess;
  url: string;
}

/** Starts the order service in a child process and waits for it to listen. */
function startOrderProcess(): Promise<OrderProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', childScript], {
    cwd: repoRoot,
    env: { ...process.env, ...orderEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.once('exit', (code) => reject(new Error(`order process exited with ${code} before listening`)));
  });
}

const killed = (process: OrderProcess) =>
  new Promise<void>((resolve) => {
    process.child.once('exit', () => resolve());
    process.child.kill('SIGKILL');
  });

/** Delivers an event to the order service's queue: RabbitMQ, or (in-process bus) its inbox, where that bus keeps it. */
async function deliver(envelope: AnyEnvelope): Promise<void> {
  if (process.env.AMQP_URL) return platform.publish(envelope);
  const db = drizzle(pool) as unknown as Parameters<typeof inboxDeliveryStore>[0];
  await inboxDeliveryStore(db, { inbox, deadLetters }, 'order').accept(envelope);
}

beforeAll(async () => {
  platform = await startPlatform();
  const product = await platform.start(productService);
  const inventory = await platform.start(inventoryService);
  await platform.open();
  shop = {
    product,
    inventory,
    admin: await platform.identity.bearer({ sub: randomUUID(), roles: ['admin'] }),
  };
  sku = uniqueSku('CRASH');
  await stockProduct(shop as Shop, { sku, priceMinor: 2_000, onHand });
  orderEnv = {
    DATABASE_URL: platform.database.url,
    DATABASE_POOL_MAX: '5',
    JWKS_URL: platform.identity.jwksUrl,
    SERVICE_URLS: `product=${product.url},inventory=${inventory.url}`,
    SERVICE_TOKEN: await serviceTokenOf(platform.identity),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    LIVE_CONFIG: 'false',
    // Short leases and a short abandon time: recovery after the restart comes within seconds.
    SAGA_LEASE_MS: '1500',
    SAGA_PLACEMENT_TIMEOUT_MS: '3000',
    SAGA_POLL_INTERVAL_MS: '100',
    ...(platform.namespace ? testEventSettings(platform.namespace) : {}),
  };
  pool = new pg.Pool({ connectionString: platform.database.url, max: 2 });
}, 180_000);
afterAll(async () => {
  await pool?.end();
  await platform?.stop();
}, 120_000);

const sagas = () =>
  query<{ order_id: string; step: string; direction: string; status: string }>(
    platform.database.url,
    'select order_id, step, direction, status from orders.checkout_sagas',
  );

describe('a crash in the middle of the checkout saga', () => {
  it('ends, after a restart, with every paid order committed and no stock held without a live order', async () => {
    let running = await startOrderProcess();
    const shoppers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const shopper = guest(running.url);
        await shopper.newCart();
        await shopper.add(sku, 1);
        return shopper;
      }),
    );
    const placed = [];
    for (const shopper of shoppers.slice(0, 9)) {
      const answer = await shopper.checkout();
      expect(answer.status).toBe(201);
      placed.push(answer.body);
    }
    const [paidOnes, failedOnes] = [placed.slice(0, 6), placed.slice(6, 8)];
    for (const order of paidOnes) await deliver(paymentCompletedFor(order));
    for (const order of failedOnes) await deliver(paymentFailedFor(order));
    // Checkouts still in flight when the process dies: stock may be held for orders never written.
    const inFlight = shoppers.slice(9).map((shopper) => shopper.checkout().catch(() => undefined));

    // Kill the moment a saga is between its steps: payment recorded, stock not yet committed or released.
    await vi.waitFor(
      async () => {
        const between = (await sagas()).filter(
          (s) => s.status === 'running' && (s.step === 'commit_stock' || s.direction === 'backward'),
        );
        expect(between.length).toBeGreaterThan(0);
      },
      { timeout: 20_000, interval: 10 },
    );
    await killed(running);
    await Promise.all(inFlight);
    const atCrash = await sagas();
    expect(atCrash.filter((s) => s.status === 'running').length).toBeGreaterThan(0);

    running = await startOrderProcess();
    try {
      await vi.waitFor(
        async () => {
          const open = (await sagas()).filter((s) => s.status === 'running');
          expect(open).toEqual([]);
        },
        { timeout: 60_000, interval: 200 },
      );
      const orders = await query<{ id: string; status: string }>(
        platform.database.url,
        'select id, status from orders.orders',
      );
      const reservations = await query<{ order_id: string; status: string; quantity: number }>(
        platform.database.url,
        `select order_id, status, (requested_lines->0->>'quantity')::int as quantity from inventory.reservations`,
      );
      const statusOf = new Map(orders.map((o) => [o.id, o.status]));
      const reservationOf = new Map(reservations.map((r) => [r.order_id, r.status]));

      // The payments that arrived: paid, stock committed. The declined ones: cancelled, stock back.
      for (const order of paidOnes) {
        expect([statusOf.get(order.id), reservationOf.get(order.id)]).toEqual(['paid', 'committed']);
      }
      for (const order of failedOnes) {
        expect([statusOf.get(order.id), reservationOf.get(order.id)]).toEqual(['cancelled', 'released']);
      }
      // Every order: paid ⇔ committed, waiting ⇔ held, cancelled ⇒ nothing held.
      for (const order of orders) {
        const reservation = reservationOf.get(order.id);
        if (order.status === 'paid') expect(reservation).toBe('committed');
        if (order.status === 'pending_payment') expect(reservation).toBe('held');
        if (order.status === 'cancelled') expect(reservation).not.toBe('held');
      }
      // No held stock without a live order (checkouts the crash cut off were undone).
      for (const reservation of reservations.filter((r) => r.status === 'held')) {
        expect(statusOf.get(reservation.order_id)).toBe('pending_payment');
      }
      const held = reservations.filter((r) => r.status === 'held').reduce((sum, r) => sum + r.quantity, 0);
      const committed = reservations
        .filter((r) => r.status === 'committed')
        .reduce((sum, r) => sum + r.quantity, 0);
      expect(await stockOf(shop as Shop, sku)).toMatchObject({ onHand: onHand - committed, reserved: held });
      expect((await sagas()).map((s) => s.status).sort()).not.toContain('stuck');
    } finally {
      await killed(running);
    }
  }, 180_000);
});
