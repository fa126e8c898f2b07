import { fileURLToPath } from 'node:url';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, description } from './app.js';
import { RecommendationConfig } from './config.js';
import * as schema from './db/schema.js';
import { createRecommendationMetrics } from './metrics.js';
import type { RecommendationDeps } from './use-cases/deps.js';

export const recommendationService = defineService({
  name: 'recommendation',
  version: '0.1.0',
  description,
  configSchema: RecommendationConfig,
  database: {
    schema: 'recommendation',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  async create(runtime) {
    const deps: RecommendationDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      logger: runtime.logger,
      metrics: createRecommendationMetrics(runtime.metrics),
      popularity: {
        halfLifeSeconds: runtime.config.popularityHalfLifeHours * 3_600,
        windowSeconds: runtime.config.popularityWindowDays * 86_400,
      },
    };
    const app = await buildApp({ ...deps, serviceMetrics: runtime.metrics, readiness: runtime.readiness });
    return { app };
  },
});
