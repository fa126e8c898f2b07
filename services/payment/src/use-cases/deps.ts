import type { Logger } from '@emporium/platform/log/logger';
import type { PaymentDb } from '../db/database.js';
import type { PaymentMetrics } from '../metrics.js';

/** Everything the payment use cases need, built once in `service.ts`. */
export interface PaymentDeps {
  db: PaymentDb;
  logger: Logger;
  metrics: PaymentMetrics;
}
