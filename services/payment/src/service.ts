import { fileURLToPath } from 'node:url';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, paymentServiceDescription } from './app.js';
import { PaymentConfig } from './config.js';
import * as schema from './db/schema.js';
import { createPaymentMetrics } from './metrics.js';
import type { PaymentDeps } from './use-cases/deps.js';

export const paymentService = defineService({
  name: 'payment',
  version: '0.1.0',
  description: paymentServiceDescription,
  configSchema: PaymentConfig,
  database: {
    schema: 'payment',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  async create(runtime) {
    const deps: PaymentDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      logger: runtime.logger,
      metrics: createPaymentMetrics(runtime.metrics),
    };
    // No demo payments: payments come from checkouts.
    const app = await buildApp({ ...deps, serviceMetrics: runtime.metrics, readiness: runtime.readiness });
    return { app };
  },
});
