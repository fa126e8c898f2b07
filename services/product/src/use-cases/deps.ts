import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { Logger } from '@emporium/platform/log/logger';
import type { ReadThrough } from '../cache/read-through.js';
import type { ProductDb } from '../db/database.js';
import type { ImageProcessor } from '../images/image-processor.js';
import type { ImageStorage } from '../images/image-storage.js';
import type { ProductMetrics } from '../metrics.js';

/** Everything the product use cases need, built once in `service.ts`. */
export interface ProductDeps {
  db: ProductDb;
  events: EventRuntime;
  cache: ReadThrough;
  images: { storage: ImageStorage; processor: ImageProcessor; maxBytes: number };
  logger: Logger;
  metrics: ProductMetrics;
  seedChunkSize: number;
  importMaxProducts: number;
}
