import { fileURLToPath } from 'node:url';
import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { behaviourEvents } from '@emporium/contracts/events/behaviour-events';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, description } from './app.js';
import { RecommendationConfig } from './config.js';
import { subscribeToCatalogEvents } from './consumers/catalog-events.consumer.js';
import { subscribeToOrderEvents } from './consumers/order-events.consumer.js';
import { subscribeToUserEvents } from './consumers/user-events.consumer.js';
import * as schema from './db/schema.js';
import { createRecommendationMetrics } from './metrics.js';
import { namespacedCache } from './model/answer-cache.js';
import { seedDemoCatalog } from './seed/seed-demo-catalog.js';
import type { RecommendationDeps } from './use-cases/deps.js';
import { type ModelWorker, startModelWorker } from './workers/model-worker.js';

const dayMs = 86_400_000;

/** The running instance's model worker, for tests and benchmarks that drain or rebuild on demand. */
export const modelWorkers = new WeakMap<object, ModelWorker>();

export const recommendationService = defineService({
  name: 'recommendation',
  version: '0.1.0',
  description,
  configSchema: RecommendationConfig,
  database: {
    schema: 'recommendation',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  // Produces behaviour.tracked; consumes orders, carts, products and stock.
  events: {
    tables: { outbox: schema.outbox, inbox: schema.inbox, deadLetters: schema.deadLetters },
    produces: behaviourEvents,
  },
  async create(runtime) {
    const { config } = runtime;
    const deps: RecommendationDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      logger: runtime.logger,
      metrics: createRecommendationMetrics(runtime.metrics),
      events: runtime.events!,
      cache: namespacedCache(runtime.cache, config.eventNamespace),
      popularity: {
        halfLifeSeconds: config.popularityHalfLifeHours * 3_600,
        windowSeconds: config.popularityWindowDays * 86_400,
      },
      model: {
        halfLifeMs: config.modelHalfLifeDays * dayMs,
        windowMs: config.modelWindowDays * dayMs,
        neighboursPerProduct: config.neighboursPerProduct,
      },
      caching: { answerMs: config.answerCacheMs, forYouMs: config.forYouCacheMs },
    };
    subscribeToOrderEvents(runtime.events!, deps);
    subscribeToCatalogEvents(runtime.events!);
    subscribeToUserEvents(runtime.events!, deps);
    const app = await buildApp({
      ...deps,
      auth: runtime.auth,
      serviceMetrics: runtime.metrics,
      readiness: runtime.readiness,
    });
    const worker = startModelWorker(deps, {
      incrementalIntervalMs: config.modelIncrementalIntervalMs,
      rebuildIntervalMs: config.modelRebuildIntervalMs,
      rebuildAtStartDelayMs: config.modelRebuildAtStartDelayMs,
    });
    modelWorkers.set(app, worker);
    return {
      app,
      seedDemo: (demo, progress) => seedDemoCatalog(deps, demo as DemoData, progress),
      close: () => worker.stop(),
    };
  },
});
