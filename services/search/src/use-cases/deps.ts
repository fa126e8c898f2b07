import type { Logger } from '@emporium/platform/log/logger';
import type { SearchDb } from '../db/database.js';
import type { SearchEngine } from '../domain/search-engine.js';
import type { SearchMetrics } from '../metrics.js';

/** Everything the search use cases need, built once in `service.ts`. */
export interface SearchDeps {
  /** The index: queried and fed only through this interface. */
  engine: SearchEngine;
  /** The service's own tables beside the index (query log). */
  db: SearchDb;
  logger: Logger;
  metrics: SearchMetrics;
  seedChunkSize: number;
}
