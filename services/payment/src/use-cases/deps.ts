import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { Logger } from '@emporium/platform/log/logger';
import type { OrderLookup } from '../clients/order-client.js';
import type { PaymentDb } from '../db/database.js';
import type { CaptureMethod, ProviderName } from '../domain/payment-enums.js';
import type { PaymentMetrics } from '../metrics.js';
import type { PaymentProvider } from '../providers/payment-provider.js';

/** Everything the payment use cases need, built once in `service.ts`. */
export interface PaymentDeps {
  db: PaymentDb;
  events: EventRuntime;
  logger: Logger;
  metrics: PaymentMetrics;
  /** The providers configured here; a name that is missing is not available. */
  providers: ReadonlyMap<ProviderName, PaymentProvider>;
  orders: OrderLookup;
  captureMethod: CaptureMethod;
}
