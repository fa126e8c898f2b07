import type { Logger } from '@emporium/platform/log/logger';
import type { OrderDb } from '../db/database.js';
import type { OrderMetrics } from '../metrics.js';

/** Everything the order use cases need, built once in `service.ts`. */
export interface OrderDeps {
  db: OrderDb;
  logger: Logger;
  metrics: OrderMetrics;
}
