import { randomBytes, randomUUID } from 'node:crypto';
import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import { gatewayService } from '@emporium/gateway/service';
import { inventoryService } from '@emporium/inventory/service';
import { paymentService } from '@emporium/payment/service';
import { freePort } from '@emporium/platform/db/embedded-postgres';
import { createEventBus } from '@emporium/platform/events/create-event-bus';
import { createInProcessBroker, type InProcessBroker } from '@emporium/platform/events/in-process-broker';
import { createLogger } from '@emporium/platform/log/logger';
import type { ServiceDefinition } from '@emporium/platform/service/service-definition';
import { type RunningService, startService } from '@emporium/platform/service/start-service';
import { httpClient } from '@emporium/platform/testing/http';
import { testEventSettings, testQueueExpiryMs } from '@emporium/platform/testing/test-broker';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity, type TestIdentity } from '@emporium/platform/testing/test-identity';
import { productService } from '@emporium/product/service';
import type { TObject } from 'typebox';
import { orderService } from '../../src/service.js';

/** The order service's own credential in tests: what an API key with these scopes grants in production. */
export const orderServicePermissions = ['inventory:reserve', 'payments:refund'];

/** What every suite's services share: one database server, one identity, one broker. */
export interface TestPlatform {
  database: TestDatabase;
  identity: TestIdentity;
  /** The namespace of this platform's RabbitMQ exchange and queues (empty on the in-process broker). */
  namespace: string;
  start: <S extends TObject>(
    definition: ServiceDefinition<S>,
    env?: Record<string, string>,
  ) => Promise<RunningService>;
  /** Once every service has started (and subscribed): lets events through; connects the publisher. */
  open: () => Promise<void>;
  /** Publishes an event on the platform's broker, as its producer's relay would. */
  publish: (envelope: AnyEnvelope) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Real services sharing what they share in production: one database server
 * (a schema each), one identity (the same JWKS), one broker. PGlite and the
 * in-process broker by default; PostgreSQL, Redis and RabbitMQ when
 * `DATABASE_URL`, `REDIS_URL` and `AMQP_URL` are set.
 */
export async function startPlatform(): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const identity = await createTestIdentity();
  const amqpUrl = process.env.AMQP_URL;
  const namespace = amqpUrl ? `t${randomBytes(4).toString('hex')}.` : '';
  const broker: InProcessBroker | undefined = amqpUrl ? undefined : createInProcessBroker();
  const bus = amqpUrl
    ? createEventBus({
        amqpUrl,
        namePrefix: namespace,
        queueExpiryMs: testQueueExpiryMs,
        connectionName: 'test-publisher',
        logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
      })
    : undefined;
  const started: RunningService[] = [];
  const base = {
    LIVE_CONFIG: 'false',
    JWKS_URL: identity.jwksUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.SHOP_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '5',
    ...(namespace ? testEventSettings(namespace) : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...(amqpUrl ? { AMQP_URL: amqpUrl } : {}),
  };
  return {
    database,
    identity,
    namespace,
    async start(definition, env = {}) {
      const running = await startService(definition, {
        ...(broker ? { inProcessBroker: broker } : {}),
        env: { ...base, ...env },
      });
      started.push(running);
      return running;
    },
    async open() {
      broker?.open();
      await bus?.start();
    },
    publish: (envelope) => (bus ? bus.publish(envelope) : broker!.publish(envelope)),
    async stop() {
      await bus?.close();
      for (const service of started.reverse()) await service.close().catch(() => {});
      await identity.close();
      await database.drop();
    },
  };
}

export interface Shop extends TestPlatform {
  product: RunningService;
  inventory: RunningService;
  order: RunningService;
  gateway: RunningService | undefined;
  payment: RunningService | undefined;
  /** A bearer token for the order service itself (`SERVICE_TOKEN`). */
  serviceToken: string;
  /** Requests as the shop's admin, to each service directly. */
  admin: { authorization: string };
}

export interface ShopOptions {
  gateway?: boolean;
  /** The payment service too, with its built-in sandbox gateway (test cards, signed webhooks). */
  payment?: boolean;
  /** Extra settings for the order service (short TTLs, ...). */
  orderEnv?: Record<string, string>;
}

/** The order service's token as itself: what an API key with these scopes grants in production. */
export function serviceTokenOf(identity: TestIdentity): Promise<string> {
  return identity.token({
    sub: randomUUID(),
    roles: ['service'],
    perms: orderServicePermissions,
    expiresIn: '2h',
  });
}

/** Product, inventory and order (and the gateway when asked), each the real service. */
export async function startShop(options: ShopOptions = {}): Promise<Shop> {
  const platform = await startPlatform();
  try {
    const cacheIsolation: Record<string, string> =
      'cacheKeyPrefix' in productService.configSchema.properties
        ? { CACHE_KEY_PREFIX: randomBytes(4).toString('hex') }
        : {};
    const product = await platform.start(productService, cacheIsolation);
    const inventory = await platform.start(inventoryService);
    const serviceToken = await serviceTokenOf(platform.identity);
    // Payment and order call each other: the order service's address is chosen first.
    const orderUrl = `http://127.0.0.1:${await freePort()}`;
    const payment = options.payment
      ? await platform.start(paymentService, {
          SERVICE_URLS: `order=${orderUrl}`,
          SANDBOX_DECISION_DELAY_MS: '20',
          RECONCILE_INTERVAL_MS: '0',
        })
      : undefined;
    const order = await platform.start(orderService, {
      PORT: new URL(orderUrl).port,
      SERVICE_URLS: `product=${product.url},inventory=${inventory.url}${payment ? `,payment=${payment.url}` : ''}`,
      SERVICE_TOKEN: serviceToken,
      DATABASE_POOL_MAX: '10',
      SAGA_POLL_INTERVAL_MS: '100',
      ...options.orderEnv,
    });
    const gateway = options.gateway
      ? await platform.start(gatewayService, {
          SERVICE_URLS: `product=${product.url},inventory=${inventory.url},order=${order.url}${payment ? `,payment=${payment.url}` : ''}`,
        })
      : undefined;
    await platform.open();
    const admin = await platform.identity.bearer({ sub: randomUUID(), roles: ['admin'] });
    return { ...platform, product, inventory, order, gateway, payment, serviceToken, admin };
  } catch (error) {
    await platform.stop();
    throw error;
  }
}

/** Creates a warehouse and a product whose one variant is `sku`, with `onHand` units in stock. */
export async function stockProduct(
  shop: Shop,
  item: { sku: string; priceMinor: number; onHand: number; title?: string; currency?: string },
): Promise<{ productId: string }> {
  const asAdmin = (url: string) => httpClient(url, shop.admin);
  await asAdmin(shop.inventory.url)('POST', '/api/v1/warehouses', { id: 'main', name: 'Main' });
  const created = await asAdmin(shop.product.url)('POST', '/api/v1/products', {
    slug: item.sku.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    status: 'active',
    title: item.title ?? `Product ${item.sku}`,
    variants: [
      {
        sku: item.sku,
        title: 'Default',
        options: {},
        priceMinor: item.priceMinor,
        compareAtMinor: null,
        currency: item.currency ?? 'EUR',
      },
    ],
  });
  if (created.status !== 201) throw new Error(`product not created: ${created.status} ${created.text}`);
  await setStock(shop, item.sku, item.onHand);
  return { productId: created.body.id };
}

export async function setStock(shop: Shop, sku: string, onHand: number): Promise<void> {
  const response = await httpClient(shop.inventory.url, shop.admin)(
    'PUT',
    `/api/v1/inventory/${sku}/warehouses/main`,
    { onHand },
  );
  if (response.status !== 200) throw new Error(`stock not set: ${response.status} ${response.text}`);
}

/** Changes the price of a product's only variant through the product service's admin API. */
export async function setPrice(
  shop: Shop,
  productId: string,
  sku: string,
  priceMinor: number,
): Promise<void> {
  const response = await httpClient(shop.product.url, shop.admin)('PATCH', `/api/v1/products/${productId}`, {
    variants: [{ sku, title: 'Default', options: {}, priceMinor, compareAtMinor: null, currency: 'EUR' }],
  });
  if (response.status !== 200) throw new Error(`price not set: ${response.status} ${response.text}`);
}

export async function stockOf(shop: Shop, sku: string) {
  const response = await httpClient(shop.inventory.url)('GET', `/api/v1/inventory/${sku}`);
  return response.body as { available: number; onHand: number; reserved: number };
}

/** A SKU no other suite uses: suites may share one Redis (and its caches). */
export const uniqueSku = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`.toUpperCase();
