import type { Logger } from '@emporium/platform/log/logger';
import type { ProductDb } from '../db/database.js';
import type { ProductMetrics } from '../metrics.js';

/** Everything the product use cases need, built once in `service.ts`. */
export interface ProductDeps {
  db: ProductDb;
  logger: Logger;
  metrics: ProductMetrics;
  seedChunkSize: number;
}
