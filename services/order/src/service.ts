import { fileURLToPath } from 'node:url';
import { cartEvents } from '@emporium/contracts/events/cart-events';
import { orderEvents } from '@emporium/contracts/events/order-events';
import { paymentCompleted, paymentFailed, paymentRefunded } from '@emporium/contracts/events/payment-events';
import { userDeleted } from '@emporium/contracts/events/user-events';
import { createRedisConnection } from '@emporium/platform/cache/redis-connection';
import { createServiceClient } from '@emporium/platform/resilience/service-client';
import { defaultUpstreamPolicy } from '@emporium/platform/resilience/upstream-policy';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, orderServiceDescription } from './app.js';
import { createMemoryCartStore } from './carts/memory-cart-store.js';
import { createRedisCartStore } from './carts/redis-cart-store.js';
import { createCartLookups } from './clients/cached-lookups.js';
import { createInventoryClient } from './clients/inventory.client.js';
import { createPaymentClient } from './clients/payment.client.js';
import { createProductClient } from './clients/product.client.js';
import { serviceCredentials } from './clients/service-credentials.js';
import { OrderConfig } from './config.js';
import { onPaymentCompleted } from './consumers/payment-completed.consumer.js';
import { onPaymentFailed } from './consumers/payment-failed.consumer.js';
import { onPaymentRefunded } from './consumers/payment-refunded.consumer.js';
import { onUserDeleted } from './consumers/user-deleted.consumer.js';
import * as schema from './db/schema.js';
import { flatRateTax, flatShipping, thresholdDiscount } from './domain/pricing-rules.js';
import { createOrderMetrics } from './metrics.js';
import { createSagaWakeup } from './saga/saga-wakeup.js';
import { startSagaWorker } from './saga/saga-worker.js';
import type { OrderDeps } from './use-cases/deps.js';
import { createConcurrencyLimit } from './use-cases/steps/concurrency-limit.js';

export const orderService = defineService({
  name: 'order',
  version: '0.1.0',
  description: orderServiceDescription,
  configSchema: OrderConfig,
  database: {
    schema: 'orders',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  events: {
    tables: { outbox: schema.outbox, inbox: schema.inbox, deadLetters: schema.deadLetters },
    produces: [...orderEvents, ...cartEvents],
  },
  async create(runtime) {
    const { config, logger } = runtime;
    const credentials = serviceCredentials(config);
    if (!credentials.configured) {
      logger.warn('no SERVICE_API_KEY or SERVICE_TOKEN: inventory and payment will refuse the checkout saga');
    }
    const clientOf = (target: string) =>
      createServiceClient({
        caller: 'order',
        target,
        locator: runtime.locator,
        serviceAuthorization: credentials.authorization,
        policy: {
          ...defaultUpstreamPolicy,
          timeoutMs: config.upstreamTimeoutMs,
          breakerThreshold: config.upstreamBreakerThreshold,
        },
      });
    const product = createProductClient(clientOf('product'));
    const inventory = createInventoryClient(clientOf('inventory'), credentials);
    const idleTtlMs = config.cartIdleTtlSeconds * 1_000;
    const carts = config.redisUrl
      ? createRedisCartStore(createRedisConnection({ url: config.redisUrl, prefix: 'order' }), { idleTtlMs })
      : createMemoryCartStore({ idleTtlMs });

    const deps: OrderDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      events: runtime.events!,
      logger,
      metrics: createOrderMetrics(runtime.metrics),
      carts,
      lookups: createCartLookups({
        cache: runtime.cache,
        ttlMs: config.cartLookupCacheMs,
        product,
        inventory,
        logger,
      }),
      product,
      inventory,
      payment: createPaymentClient(clientOf('payment'), credentials),
      pricing: {
        discount: thresholdDiscount({
          thresholdMinor: config.discountThresholdMinor,
          basisPoints: config.discountBasisPoints,
        }),
        shipping: flatShipping({
          flatMinor: config.shippingFlatMinor,
          freeFromMinor: config.freeShippingFromMinor,
        }),
        tax: flatRateTax({ basisPoints: config.taxRateBasisPoints }),
      },
      settings: {
        cart: { maxLines: config.cartMaxLines, maxQuantityPerLine: config.cartMaxQuantityPerLine },
        reservationTtlSeconds: config.reservationTtlSeconds,
        reservationGraceSeconds: config.reservationGraceSeconds,
        saga: {
          pollIntervalMs: config.sagaPollIntervalMs,
          leaseMs: config.sagaLeaseMs,
          placementTimeoutMs: config.sagaPlacementTimeoutMs,
          maxBackoffMs: config.sagaMaxBackoffMs,
        },
      },
      sagaWakeup: createSagaWakeup(),
      checkoutLimit: createConcurrencyLimit(config.checkoutConcurrency, config.checkoutMaxQueued),
    };
    if (config.redisUrl) runtime.readiness.push({ name: 'carts', check: () => carts.ping() });

    const events = runtime.events!;
    events.subscribe(paymentCompleted, onPaymentCompleted(deps));
    events.subscribe(paymentFailed, onPaymentFailed(deps));
    events.subscribe(paymentRefunded, onPaymentRefunded(deps));
    events.subscribe(userDeleted, onUserDeleted());

    const app = await buildApp({
      ...deps,
      auth: runtime.auth,
      serviceMetrics: runtime.metrics,
      readiness: runtime.readiness,
    });
    // Also the recovery worker: on start it resumes whatever sagas a previous process left unfinished.
    const worker = startSagaWorker(deps);
    // No demo orders: orders come from checkouts.
    return {
      app,
      close: async () => {
        await worker.stop();
        await carts.close();
      },
    };
  },
});
