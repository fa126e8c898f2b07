import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { Logger } from '@emporium/platform/log/logger';
import type { ProductCatalog } from '../catalog/product-catalog.client.js';
import type { SearchDb } from '../db/database.js';
import type { SynonymCache } from '../db/synonym-cache.js';
import type { SearchEngine } from '../domain/search-engine.js';
import type { SearchMetrics } from '../metrics.js';

/** Everything the search use cases need, built once in `service.ts`. */
export interface SearchDeps {
  /** The index: queried and fed only through this interface. */
  engine: SearchEngine;
  /** The service's own tables beside the index (query log, stock, synonyms, ...). */
  db: SearchDb;
  logger: Logger;
  /** Emits search.performed / search.result_clicked; absent in the reindex command, which logs no searches. */
  events?: EventRuntime | undefined;
  metrics: SearchMetrics;
  synonyms: SynonymCache;
  /** The product service's API, read by a reindex. */
  catalog: ProductCatalog;
  settings: {
    seedChunkSize: number;
    /** Popular past queries offered beside title suggestions. */
    suggestedQueries: number;
    suggestQueryMinSearches: number;
    /** Products fetched at once from the catalog during a reindex. */
    reindexConcurrency: number;
  };
}
