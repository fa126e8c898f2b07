import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { exportRoutes } from './http/export.routes.js';
import { reportsRoutes } from './http/reports.routes.js';
import type { AnalyticsDeps } from './use-cases/deps.js';

export interface AnalyticsAppDeps extends AnalyticsDeps {
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const description = 'Fact tables fed by every event; sales reports and CSV exports for BI.';

export async function buildApp(deps: AnalyticsAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'analytics',
    version: '0.1.0',
    description,
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
  });
  // Admin scope (every report): the role guard of the authentication issue is added to this encapsulated context.
  await app.register(async (admin: HttpApp) => {
    reportsRoutes(admin, deps);
    exportRoutes(admin, deps);
  });
  return app;
}
