import { fileURLToPath } from 'node:url';
import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { searchEvents } from '@emporium/contracts/events/search-events';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, searchServiceDescription } from './app.js';
import { createProductCatalog } from './catalog/product-catalog.client.js';
import { SearchConfig } from './config.js';
import { subscribeToInventoryEvents } from './consumers/inventory-events.consumer.js';
import { subscribeToProductEvents } from './consumers/product-events.consumer.js';
import { createPostgresSearchEngine } from './db/postgres-search-engine.js';
import * as schema from './db/schema.js';
import { createSynonymCache } from './db/synonym-cache.js';
import { createSearchMetrics } from './metrics.js';
import { seedDemoIndex } from './seed/seed-demo-index.js';
import type { SearchDeps } from './use-cases/deps.js';
import { createReindexRunner } from './use-cases/reindex-runner.js';

export const searchService = defineService({
  name: 'search',
  version: '0.1.0',
  description: searchServiceDescription,
  configSchema: SearchConfig,
  database: {
    schema: 'search',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  // Consumes catalog and stock events; produces the searches and clicks analytics counts.
  events: {
    tables: { outbox: schema.outbox, inbox: schema.inbox, deadLetters: schema.deadLetters },
    produces: searchEvents,
  },
  async create(runtime) {
    const deps: SearchDeps = { ...searchDepsOf(runtime), events: runtime.events };
    subscribeToProductEvents(runtime.events!, deps);
    subscribeToInventoryEvents(runtime.events!, deps);
    const app = await buildApp({
      ...deps,
      auth: runtime.auth,
      serviceMetrics: runtime.metrics,
      readiness: runtime.readiness,
      reindex: createReindexRunner(deps),
    });
    return { app, seedDemo: (demo, progress) => seedDemoIndex(deps, demo as DemoData, progress) };
  },
});

/** The use cases' dependencies from the platform's runtime (the reindex command builds them too). */
export function searchDepsOf(
  runtime: Pick<
    Parameters<typeof searchService.create>[0],
    'config' | 'database' | 'logger' | 'metrics' | 'locator'
  >,
): SearchDeps {
  const { config } = runtime;
  const db = drizzle(runtime.database!.pool, { schema });
  return {
    engine: createPostgresSearchEngine(db, {
      typoSimilarity: config.typoSimilarity,
      summaryCacheMs: config.summaryCacheMs,
    }),
    db,
    logger: runtime.logger,
    metrics: createSearchMetrics(runtime.metrics),
    synonyms: createSynonymCache(db, { refreshMs: config.synonymsRefreshMs }),
    catalog: createProductCatalog({ locator: runtime.locator, pageSize: config.reindexPageSize }),
    settings: {
      seedChunkSize: config.seedChunkSize,
      suggestedQueries: config.suggestedQueries,
      suggestQueryMinSearches: config.suggestQueryMinSearches,
      reindexConcurrency: config.reindexConcurrency,
    },
  };
}
