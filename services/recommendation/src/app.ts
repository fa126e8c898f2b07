import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { eventsRoutes } from './http/events.routes.js';
import { recommendationsRoutes } from './http/recommendations.routes.js';
import type { RecommendationDeps } from './use-cases/deps.js';

export interface RecommendationAppDeps extends RecommendationDeps {
  auth: Verifiers;
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const description =
  'Behaviour tracking, popularity, and item-to-item recommendations (co-views, co-purchases, content) blended "for you".';

export async function buildApp(deps: RecommendationAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'recommendation',
    version: '0.1.0',
    description,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
    auth: deps.auth,
  });
  eventsRoutes(app, deps);
  recommendationsRoutes(app, deps);
  return app;
}
