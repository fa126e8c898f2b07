import { fileURLToPath } from 'node:url';
import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, searchServiceDescription } from './app.js';
import { SearchConfig } from './config.js';
import { createPostgresSearchEngine } from './db/postgres-search-engine.js';
import * as schema from './db/schema.js';
import { createSearchMetrics } from './metrics.js';
import { seedDemoIndex } from './seed/seed-demo-index.js';
import type { SearchDeps } from './use-cases/deps.js';

export const searchService = defineService({
  name: 'search',
  version: '0.1.0',
  description: searchServiceDescription,
  configSchema: SearchConfig,
  database: {
    schema: 'search',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  async create(runtime) {
    const db = drizzle(runtime.database!.pool, { schema });
    const deps: SearchDeps = {
      engine: createPostgresSearchEngine(db, { typoSimilarity: runtime.config.typoSimilarity }),
      db,
      logger: runtime.logger,
      metrics: createSearchMetrics(runtime.metrics),
      seedChunkSize: runtime.config.seedChunkSize,
    };
    const app = await buildApp({ ...deps, serviceMetrics: runtime.metrics, readiness: runtime.readiness });
    return { app, seedDemo: (demo, progress) => seedDemoIndex(deps, demo as DemoData, progress) };
  },
});
