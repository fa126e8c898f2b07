import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { configRoutes } from './http/config.routes.js';
import { eventsRoutes } from './http/events.routes.js';
import type { ConfigDeps } from './use-cases/deps.js';

export interface ConfigAppDeps extends ConfigDeps {
  /** Writing needs `config:write`; services read their documents (never secrets) without credentials. */
  auth: Verifiers;
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
  eventsKeepAliveMs: number;
}

export async function buildApp(deps: ConfigAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'config',
    version: '0.1.0',
    description: 'Central configuration: versioned documents per service and profile, pushed live.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    auth: deps.auth,
  });
  configRoutes(app, deps);
  eventsRoutes(app, deps, { keepAliveMs: deps.eventsKeepAliveMs });
  // Open event streams would hold the server open: end them before it closes.
  app.addHook('preClose', async () => deps.changes.close());
  return app;
}
