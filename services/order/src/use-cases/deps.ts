import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { Logger } from '@emporium/platform/log/logger';
import type { CartStore } from '../carts/cart-store.js';
import type { CartLookups } from '../clients/cached-lookups.js';
import type { InventoryClient } from '../clients/inventory.client.js';
import type { PaymentClient } from '../clients/payment.client.js';
import type { ProductClient } from '../clients/product.client.js';
import type { OrderDb } from '../db/database.js';
import type { CartLimits } from '../domain/cart.js';
import type { PricingRules } from '../domain/pricing-rules.js';
import type { OrderMetrics } from '../metrics.js';
import type { SagaWakeup } from '../saga/saga-wakeup.js';
import type { ConcurrencyLimit } from './steps/concurrency-limit.js';

export interface OrderSettings {
  cart: CartLimits;
  /** How long an order waits for its payment before it is cancelled and its stock released. */
  reservationTtlSeconds: number;
  /** Added to the TTL inventory is asked to hold stock for: its own expiry is only a backstop. */
  reservationGraceSeconds: number;
  saga: { pollIntervalMs: number; leaseMs: number; placementTimeoutMs: number; maxBackoffMs: number };
}

/** Everything the order use cases need, built once in `service.ts`. */
export interface OrderDeps {
  db: OrderDb;
  events: EventRuntime;
  logger: Logger;
  metrics: OrderMetrics;
  carts: CartStore;
  lookups: CartLookups;
  product: ProductClient;
  inventory: InventoryClient;
  payment: PaymentClient;
  pricing: PricingRules;
  settings: OrderSettings;
  sagaWakeup: SagaWakeup;
  /** The bulkhead every checkout passes. */
  checkoutLimit: ConcurrencyLimit;
}
