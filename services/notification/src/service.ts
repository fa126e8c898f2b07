import { fileURLToPath } from 'node:url';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, description } from './app.js';
import { NotificationConfig } from './config.js';
import * as schema from './db/schema.js';
import { loadTemplates } from './rendering/template-store.js';
import type { NotificationDeps } from './use-cases/deps.js';

/** The service's own `templates/`, beside `src/` and `dist/` alike. */
const bundledTemplates = fileURLToPath(new URL('../templates', import.meta.url));

export const notificationService = defineService({
  name: 'notification',
  version: '0.1.0',
  description,
  configSchema: NotificationConfig,
  database: {
    schema: 'notification',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  async create(runtime) {
    const { defaultLocale } = runtime.config;
    const deps: NotificationDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      logger: runtime.logger,
      templates: await loadTemplates(runtime.config.templatesDir ?? bundledTemplates, defaultLocale),
      defaultLocale,
    };
    const app = await buildApp({ ...deps, metrics: runtime.metrics, readiness: runtime.readiness });
    return { app };
  },
});
