import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp } from './app.js';
import { ConfigServiceConfig } from './config.js';
import * as schema from './db/schema.js';
import { createConfigChangeHub } from './events/config-change-hub.js';
import { seedConfigFiles } from './seed/seed-config-files.js';
import type { ConfigDeps } from './use-cases/deps.js';

export const configService = defineService({
  name: 'config',
  version: '0.1.0',
  description: 'Central configuration: versioned documents per service and profile, pushed live.',
  configSchema: ConfigServiceConfig,
  database: {
    schema: 'config',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  async create(runtime) {
    const { config, logger } = runtime;
    const db = drizzle(runtime.database!.pool, { schema });
    const changes = createConfigChangeHub({ db, logger, pollIntervalMs: config.eventsPollIntervalMs });
    const deps: ConfigDeps = { db, logger, changes };
    if (config.seedOnBoot) {
      await seedConfigFiles(deps, config.emporiumConfigDir ?? join(process.cwd(), 'config'));
    }
    const app = await buildApp({
      ...deps,
      auth: runtime.auth,
      metrics: runtime.metrics,
      readiness: runtime.readiness,
      eventsKeepAliveMs: config.eventsKeepAliveMs,
    });
    return { app, close: async () => changes.close() };
  },
});
