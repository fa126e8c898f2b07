import { fileURLToPath } from 'node:url';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, description } from './app.js';
import { AnalyticsConfig } from './config.js';
import * as schema from './db/schema.js';
import type { AnalyticsDeps } from './use-cases/deps.js';

export const analyticsService = defineService({
  name: 'analytics',
  version: '0.1.0',
  description,
  configSchema: AnalyticsConfig,
  database: {
    schema: 'analytics',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  async create(runtime) {
    const deps: AnalyticsDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      logger: runtime.logger,
      defaultCurrency: runtime.config.defaultCurrency,
      maxReportPeriods: runtime.config.maxReportPeriods,
    };
    const app = await buildApp({ ...deps, metrics: runtime.metrics, readiness: runtime.readiness });
    return { app };
  },
});
