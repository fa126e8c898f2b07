import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gatewayService } from '@emporium/gateway/service';
import { inventoryService } from '@emporium/inventory/service';
import { orderService } from '@emporium/order/service';
import { paymentService } from '@emporium/payment/service';
import { loadConfig } from '@emporium/platform/config/load-config';
import { freePort } from '@emporium/platform/db/embedded-postgres';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { type RunningService, startService } from '@emporium/platform/service/start-service';
import { httpClient } from '@emporium/platform/testing/http';
import { testEventSettings } from '@emporium/platform/testing/test-broker';
import { createTestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import { productService } from '@emporium/product/service';
import { Type } from 'typebox';
import type { BenchLoad, Scenario, ScenarioResult } from '../scenario.js';
import { median, round } from './gateway-overhead.js';

const run = promisify(execFile);

const CheckoutBenchConfig = Type.Object(
  {
    databaseUrl: Type.Optional(Type.String()),
    amqpUrl: Type.Optional(Type.String()),
    redisUrl: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const card = '4242424242424242';
const address = {
  name: 'Bench Shopper',
  line1: '1 Load St',
  city: 'Porto',
  postalCode: '4000-001',
  country: 'PT',
};

/**
 * Complete checkouts per second on the real PostgreSQL, side by side with
 * `pgbench`'s built-in TPC-B-like script on the same server in the same run.
 *
 * A checkout is what a shopper's browser does through the gateway: create a
 * cart, add a line, `POST /orders` (prices re-checked at the product service,
 * stock reserved at the inventory service, the order and its event written),
 * tokenise a card at the sandbox, `POST /payments`; it is complete when the
 * saga has seen the payment's webhook, committed the stock and marked the
 * order paid. Latency is the shopper's part (cart → payment accepted);
 * throughput counts paid orders over the time until the last one was paid.
 * Product, inventory, payment, order and the gateway run in this process,
 * on the bench's DATABASE_URL (and RabbitMQ/Redis when set).
 */
export const checkoutThroughput: Scenario = {
  name: 'checkout-throughput',
  async run(load: BenchLoad): Promise<ScenarioResult> {
    const config = loadConfig(CheckoutBenchConfig, { service: 'bench' });
    const database = await createTestDatabase(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {});
    const identity = await createTestIdentity();
    const broker = config.amqpUrl ? undefined : createInProcessBroker();
    const started: RunningService[] = [];
    const base = {
      LIVE_CONFIG: 'false',
      JWKS_URL: identity.jwksUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '10',
      ...(config.amqpUrl ? { AMQP_URL: config.amqpUrl, ...testEventSettings(`bench${Date.now()}.`) } : {}),
      ...(config.redisUrl ? { REDIS_URL: config.redisUrl } : {}),
    };
    const start = async (
      definition: Parameters<typeof startService>[0],
      env: Record<string, string> = {},
    ) => {
      const service = await startService(definition, {
        ...(broker ? { inProcessBroker: broker } : {}),
        env: { ...base, ...env },
      });
      started.push(service);
      return service;
    };
    try {
      const product = await start(productService);
      const inventory = await start(inventoryService);
      const orderUrl = `http://127.0.0.1:${await freePort()}`;
      const payment = await start(paymentService, {
        SERVICE_URLS: `order=${orderUrl}`,
        RECONCILE_INTERVAL_MS: '0',
      });
      const serviceToken = await identity.token({
        sub: randomUUID(),
        roles: ['service'],
        perms: ['inventory:reserve', 'payments:refund'],
        expiresIn: '2h',
      });
      const order = await start(orderService, {
        PORT: new URL(orderUrl).port,
        SERVICE_URLS: `product=${product.url},inventory=${inventory.url},payment=${payment.url}`,
        SERVICE_TOKEN: serviceToken,
      });
      const gateway = await start(gatewayService, {
        SERVICE_URLS: `product=${product.url},inventory=${inventory.url},order=${order.url},payment=${payment.url}`,
        RATE_LIMITS: 'anonymous=1000000/60s,user=1000000/60s',
      });
      broker?.open();

      const admin = await identity.bearer({ sub: randomUUID(), roles: ['admin'] });
      const skus = await stockCatalog(gateway.url, admin, 20);
      const shoppers = await Promise.all(
        Array.from({ length: load.connections }, async () =>
          identity.bearer({ sub: randomUUID(), roles: ['customer'] }),
        ),
      );
      const tokenizeUrl = await sandboxTokenizeUrl(gateway.url, shoppers[0]!);

      const rounds = [];
      for (let round = 0; round < Math.max(1, Math.min(load.rounds, 3)); round++) {
        rounds.push(
          await checkoutRound(gateway.url, shoppers, skus, tokenizeUrl, load.durationS, database.url),
        );
      }
      const pgbench = config.databaseUrl
        ? await runPgbench(config.databaseUrl, load.connections, load.durationS)
        : undefined;

      const checkoutsPerSecond = median(rounds.map((r) => r.paidPerSecond));
      const p99 = median(rounds.map((r) => r.p99Ms));
      return {
        title: `Complete checkouts per second (${config.databaseUrl ? 'PostgreSQL' : 'PGlite'}${config.amqpUrl ? ' + RabbitMQ' : ''}), beside pgbench`,
        notes: [
          'A checkout: cart, line, POST /orders (price re-check, stock reservation, order + event), card token at the sandbox, POST /payments; complete when the order is paid (webhook, stock committed).',
          `${load.connections} shoppers in a closed loop for ${load.durationS} s per round; median of ${rounds.length} rounds. Latency: the shopper's part, cart → payment accepted.`,
          'pgbench: built-in TPC-B-like script, scale 10, same client count and duration, on the same server, after the checkout rounds.',
          "Every service, the gateway and the load generator share this process and the machine's 2 cores with PostgreSQL.",
        ],
        table: {
          columns: [
            'round',
            'checkouts started',
            'paid',
            'paid /s',
            'shopper p50 ms',
            'shopper p99 ms',
            'errors',
          ],
          rows: rounds.map((r, i) => [
            i + 1,
            r.started,
            r.paid,
            round(r.paidPerSecond),
            round(r.p50Ms),
            round(r.p99Ms),
            r.errors,
          ]),
        },
        figures: {
          checkoutsPerSecond: round(checkoutsPerSecond),
          shopperP99Ms: round(p99),
          ...(pgbench
            ? {
                pgbenchTps: round(pgbench.tps),
                checkoutsPerPgbenchTransaction: round(checkoutsPerSecond / pgbench.tps, 4),
              }
            : {}),
        },
        raw: { rounds, pgbench },
      };
    } finally {
      for (const service of started.reverse()) await service.close().catch(() => {});
      await identity.close();
      await database.drop();
    }
  },
};

async function stockCatalog(gatewayUrl: string, admin: Record<string, string>, count: number) {
  const send = httpClient(gatewayUrl, admin);
  await send('POST', '/api/v1/warehouses', { id: 'bench', name: 'Bench' });
  const skus: string[] = [];
  for (let i = 0; i < count; i++) {
    const sku = `BENCH-${Date.now().toString(36)}-${i}`.toUpperCase();
    const created = await send('POST', '/api/v1/products', {
      slug: sku.toLowerCase(),
      status: 'active',
      title: `Bench product ${i}`,
      variants: [
        { sku, title: 'Default', options: {}, priceMinor: 1_000 + i, compareAtMinor: null, currency: 'EUR' },
      ],
    });
    if (created.status !== 201) throw new Error(`product: ${created.status} ${created.text}`);
    const stocked = await send('PUT', `/api/v1/inventory/${sku}/warehouses/bench`, { onHand: 1_000_000 });
    if (stocked.status !== 200) throw new Error(`stock: ${stocked.status} ${stocked.text}`);
    skus.push(sku);
  }
  return skus;
}

async function sandboxTokenizeUrl(gatewayUrl: string, shopper: Record<string, string>): Promise<string> {
  const providers = (await httpClient(gatewayUrl, shopper)('GET', '/api/v1/payments/providers')).body;
  return providers.items.find((p: { name: string }) => p.name === 'sandbox').client.tokenizeUrl;
}

async function checkoutRound(
  gatewayUrl: string,
  shoppers: Array<Record<string, string>>,
  skus: string[],
  tokenizeUrl: string,
  durationS: number,
  databaseUrl: string,
) {
  const sandbox = httpClient(tokenizeUrl.replace(/\/v1\/tokens$/, ''), {
    authorization: 'Bearer sk_sandbox_emporium',
  });
  const orderIds: string[] = [];
  const latencies: number[] = [];
  const steps: Record<string, number[]> = { cart: [], line: [], order: [], token: [], payment: [] };
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await work();
    steps[step]!.push(performance.now() - t);
    return result;
  };
  let errors = 0;
  const startedAt = performance.now();
  const until = startedAt + durationS * 1000;
  await Promise.all(
    shoppers.map(async (credentials, index) => {
      const send = httpClient(gatewayUrl, credentials);
      let n = index;
      while (performance.now() < until) {
        const t = performance.now();
        try {
          const cart = (await timed('cart', () => send('POST', '/api/v1/carts'))).body;
          await timed('line', () =>
            send('POST', `/api/v1/carts/${cart.id}/items`, { sku: skus[n++ % skus.length], quantity: 1 }),
          );
          const placed = await timed('order', () =>
            send(
              'POST',
              '/api/v1/orders',
              { cartId: cart.id, shippingAddress: address, email: 'bench@example.com' },
              { 'idempotency-key': randomUUID() },
            ),
          );
          if (placed.status !== 201) throw new Error(`order ${placed.status}`);
          const token = await timed('token', () =>
            sandbox('POST', '/v1/tokens', {
              card: { number: card, exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: '737' },
            }),
          );
          const paid = await timed('payment', () =>
            send(
              'POST',
              '/api/v1/payments',
              {
                orderId: placed.body.id,
                provider: 'sandbox',
                method: { type: 'card', token: token.body.id },
              },
              { 'idempotency-key': randomUUID() },
            ),
          );
          if (paid.status !== 201) throw new Error(`payment ${paid.status}`);
          orderIds.push(placed.body.id);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  // Wait (bounded) for the sagas to finish: the webhook, the stock commit, the paid order.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let paid = 0;
  let lastPaidAt = performance.now();
  const drainUntil = performance.now() + 60_000;
  try {
    while (performance.now() < drainUntil) {
      const result = await client.query<{ paid: string }>(
        `select count(*) as paid from orders.orders where id = any($1::uuid[]) and status = 'paid'`,
        [orderIds],
      );
      const now = Number(result.rows[0]?.paid ?? 0);
      if (now > paid) lastPaidAt = performance.now();
      paid = now;
      if (paid >= orderIds.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
  latencies.sort((a, b) => a - b);
  return {
    started: orderIds.length,
    paid,
    paidPerSecond: paid / ((lastPaidAt - startedAt) / 1000),
    p50Ms: latencies[Math.floor(latencies.length / 2)] ?? Number.NaN,
    p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN,
    errors,
    stepMedianMs: Object.fromEntries(
      Object.entries(steps).map(([name, values]) => [name, round(median(values))]),
    ),
  };
}

/** pgbench's TPC-B-like script on a database of its own on the same server; its tps, connection time excluded. */
async function runPgbench(databaseUrl: string, clients: number, durationS: number) {
  const url = new URL(databaseUrl);
  const env = {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: url.pathname.slice(1),
  };
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query('drop database if exists emporium_pgbench');
  await admin.query('create database emporium_pgbench');
  try {
    const target = { ...env, PGDATABASE: 'emporium_pgbench' };
    await run('pgbench', ['-i', '-s', '10', '-q'], { env: target });
    const { stdout } = await run(
      'pgbench',
      ['-c', String(clients), '-j', '2', '-T', String(durationS), '-n'],
      { env: target },
    );
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? Number.NaN);
    return { tps, output: stdout };
  } finally {
    await admin.query('drop database if exists emporium_pgbench');
    await admin.end();
  }
}
