import { fileURLToPath } from 'node:url';
import { createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp } from './app.js';
import { RegistryConfig } from './config.js';
import * as schema from './db/schema.js';
import { createLeaseClock } from './domain/lease-clock.js';
import type { RegistryDeps } from './use-cases/deps.js';
import { startHealthChecker } from './workers/health-checker.js';
import { startLeaseSweeper } from './workers/lease-sweeper.js';

export const registryService = defineService({
  name: 'registry',
  version: '0.1.0',
  description: 'Service registry: instance leases, heartbeats, health checks, discovery.',
  configSchema: RegistryConfig,
  database: {
    schema: 'registry',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  async create(runtime) {
    const { config, logger, metrics } = runtime;
    const db = drizzle(runtime.database!.pool, { schema });
    // Leases count from this start at the earliest: a registry back from an outage forgets nobody.
    const leaseClock = createLeaseClock();
    const healthChecking = config.healthCheckIntervalMs > 0;
    const checker = healthChecking
      ? startHealthChecker(
          {
            db,
            logger,
            leaseClock,
            checks: createBusinessCounter(metrics, {
              name: 'registry_health_checks_total',
              help: 'Health checks of registered instances, by result',
              labelNames: ['result'] as const,
            }),
          },
          {
            intervalMs: config.healthCheckIntervalMs,
            timeoutMs: config.healthCheckTimeoutMs,
            failureThreshold: config.healthCheckFailures,
          },
        )
      : undefined;
    const sweeper = startLeaseSweeper({
      db,
      logger,
      leaseClock,
      intervalMs: config.sweepIntervalMs,
      expired: createBusinessCounter(metrics, {
        name: 'registry_leases_expired_total',
        help: 'Instances removed because their lease ran out, by service',
        labelNames: ['service'] as const,
      }),
    });
    const deps: RegistryDeps = {
      db,
      logger,
      defaultLeaseSeconds: config.defaultLeaseSeconds,
      leaseClock,
      healthChecking,
      checkSoon: () => checker?.wake(),
    };
    const app = await buildApp({ ...deps, metrics, readiness: runtime.readiness });
    return {
      app,
      close: async () => {
        await Promise.all([checker?.stop(), sweeper.stop()]);
      },
    };
  },
});
