import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { searchRoutes } from './http/search.routes.js';
import { searchAdminRoutes } from './http/search-admin.routes.js';
import type { SearchDeps } from './use-cases/deps.js';
import type { ReindexRunner } from './use-cases/reindex-runner.js';

export interface SearchAppDeps extends SearchDeps {
  auth: Verifiers;
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
  reindex: ReindexRunner;
}

export const searchServiceDescription =
  'Product search: full-text with synonyms and typo tolerance, facets, suggestions, analytics; fed by catalog and stock events.';

export async function buildApp(deps: SearchAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'search',
    version: '0.1.0',
    description: searchServiceDescription,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
    auth: deps.auth,
  });
  searchRoutes(app, deps);
  searchAdminRoutes(app, deps, deps.reindex);
  return app;
}
