import { requirePermission, type Verifiers } from '@emporium/platform/auth/auth-hooks';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { behaviourRoutes } from './http/behaviour.routes.js';
import { exportRoutes } from './http/export.routes.js';
import { performanceRoutes } from './http/performance.routes.js';
import { salesRoutes } from './http/sales.routes.js';
import type { AnalyticsDeps } from './use-cases/deps.js';

export interface AnalyticsAppDeps extends AnalyticsDeps {
  auth: Verifiers;
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const description =
  'Fact tables fed by every event; sales, customer, funnel, search and performance reports; CSV exports and a read-only SQL schema for BI.';

export async function buildApp(deps: AnalyticsAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'analytics',
    version: '0.1.0',
    description,
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    auth: deps.auth,
  });
  // Admin scope: every report and export needs analytics:read.
  await app.register(async (admin: HttpApp) => {
    admin.addHook('preHandler', requirePermission('analytics:read'));
    salesRoutes(admin, deps);
    behaviourRoutes(admin, deps);
    performanceRoutes(admin, deps);
    exportRoutes(admin, deps);
  });
  return app;
}
