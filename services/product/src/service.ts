import { fileURLToPath } from 'node:url';
import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, productServiceDescription } from './app.js';
import { ProductConfig } from './config.js';
import * as schema from './db/schema.js';
import { createProductMetrics } from './metrics.js';
import { seedDemoCatalog } from './seed/seed-demo-catalog.js';
import type { ProductDeps } from './use-cases/deps.js';

export const productService = defineService({
  name: 'product',
  version: '0.1.0',
  description: productServiceDescription,
  configSchema: ProductConfig,
  database: {
    schema: 'product',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  async create(runtime) {
    const deps: ProductDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      logger: runtime.logger,
      metrics: createProductMetrics(runtime.metrics),
      seedChunkSize: runtime.config.seedChunkSize,
    };
    const app = await buildApp({ ...deps, serviceMetrics: runtime.metrics, readiness: runtime.readiness });
    return { app, seedDemo: (demo, progress) => seedDemoCatalog(deps, demo as DemoData, progress) };
  },
});
