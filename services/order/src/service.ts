import { fileURLToPath } from 'node:url';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, orderServiceDescription } from './app.js';
import { OrderConfig } from './config.js';
import * as schema from './db/schema.js';
import { createOrderMetrics } from './metrics.js';
import type { OrderDeps } from './use-cases/deps.js';

export const orderService = defineService({
  name: 'order',
  version: '0.1.0',
  description: orderServiceDescription,
  configSchema: OrderConfig,
  database: {
    schema: 'orders',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  async create(runtime) {
    const deps: OrderDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      logger: runtime.logger,
      metrics: createOrderMetrics(runtime.metrics),
    };
    // No demo orders: orders come from checkouts.
    const app = await buildApp({ ...deps, serviceMetrics: runtime.metrics, readiness: runtime.readiness });
    return { app };
  },
});
