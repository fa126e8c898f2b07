import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import type { GatewayDeps } from './deps.js';
import type { OpenApiDocument } from './docs/merge-openapi.js';
import { createOpenApiSource } from './docs/openapi-source.js';
import { docsRoutes } from './http/docs.routes.js';
import { proxyRoutes } from './http/proxy.routes.js';
import { readinessRoutes } from './http/readiness.routes.js';

export interface GatewayAppDeps extends GatewayDeps {
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

const version = '0.1.0';

export async function buildApp(deps: GatewayAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'gateway',
    version,
    description: 'The one public entry: routes /api/v1/<area> to the owning service.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    // `/health/ready` here aggregates every service (readiness.routes.ts).
    readinessRoute: false,
  });
  readinessRoutes(app, deps);
  const docs = createOpenApiSource(deps, {
    version,
    document: () => app.swagger() as unknown as OpenApiDocument,
  });
  await docsRoutes(app, docs);
  await proxyRoutes(app, deps);
  return app;
}
