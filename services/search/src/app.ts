import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { searchRoutes } from './http/search.routes.js';
import type { SearchDeps } from './use-cases/deps.js';

export interface SearchAppDeps extends SearchDeps {
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const searchServiceDescription =
  'Product search: full-text with typo tolerance, facets, suggestions, query log.';

export async function buildApp(deps: SearchAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'search',
    version: '0.1.0',
    description: searchServiceDescription,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
  });
  searchRoutes(app, deps);
  return app;
}
