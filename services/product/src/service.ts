import { fileURLToPath } from 'node:url';
import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { productEvents } from '@emporium/contracts/events/product-events';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, productServiceDescription } from './app.js';
import { createReadThrough } from './cache/read-through.js';
import { ProductConfig } from './config.js';
import { consumeOrderCompleted } from './consumers/order-completed.consumer.js';
import * as schema from './db/schema.js';
import { createImageStorage } from './images/create-image-storage.js';
import { createImageProcessor } from './images/image-processor.js';
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
  events: {
    tables: { outbox: schema.outbox, inbox: schema.inbox, deadLetters: schema.deadLetters },
    produces: productEvents,
  },
  async create(runtime) {
    const { config } = runtime;
    const metrics = createProductMetrics(runtime.metrics);
    const cache = createReadThrough(
      runtime.cache,
      {
        freshMs: config.cacheFreshMs,
        staleMs: config.cacheStaleMs,
        keyPrefix: config.cacheKeyPrefix ? `${config.cacheKeyPrefix}:` : '',
        redeleteAfterMs: 500,
      },
      runtime.logger,
      {
        onLoad: (kind) => metrics.cacheLoads.inc({ kind }),
        onHit: (kind) => metrics.cacheHits.inc({ kind }),
      },
    );
    const deps: ProductDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      events: runtime.events!,
      cache,
      images: {
        storage: createImageStorage(config),
        processor: createImageProcessor({ maxPixels: config.maxImagePixels }),
        maxBytes: config.maxImageBytes,
      },
      logger: runtime.logger,
      metrics,
      seedChunkSize: config.seedChunkSize,
      importMaxProducts: config.importMaxProducts,
    };
    consumeOrderCompleted(deps.events);
    const app = await buildApp({
      ...deps,
      auth: runtime.auth,
      serviceMetrics: runtime.metrics,
      readiness: runtime.readiness,
      importMaxBytes: config.importMaxBytes,
    });
    return {
      app,
      seedDemo: (demo, progress) => seedDemoCatalog(deps, demo as DemoData, progress),
      close: async () => cache.close(),
    };
  },
});
