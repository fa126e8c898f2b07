import { fileURLToPath } from 'node:url';
import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, userServiceDescription } from './app.js';
import { UserConfig } from './config.js';
import * as schema from './db/schema.js';
import { createUserMetrics } from './metrics.js';
import { seedDemoAccounts } from './seed/seed-demo-accounts.js';
import type { UserDeps } from './use-cases/deps.js';

export const userService = defineService({
  name: 'user',
  version: '0.1.0',
  description: userServiceDescription,
  configSchema: UserConfig,
  database: {
    schema: 'user',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  async create(runtime) {
    const deps: UserDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      logger: runtime.logger,
      metrics: createUserMetrics(runtime.metrics),
    };
    const app = await buildApp({ ...deps, serviceMetrics: runtime.metrics, readiness: runtime.readiness });
    return { app, seedDemo: (demo, progress) => seedDemoAccounts(deps, demo as DemoData, progress) };
  },
});
