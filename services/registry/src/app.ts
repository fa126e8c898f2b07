import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { instancesRoutes } from './http/instances.routes.js';
import { servicesRoutes } from './http/services.routes.js';
import type { RegistryDeps } from './use-cases/deps.js';

export interface RegistryAppDeps extends RegistryDeps {
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export async function buildApp(deps: RegistryAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'registry',
    version: '0.1.0',
    description: 'Service registry: instance leases, heartbeats, health checks, discovery.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
  });
  instancesRoutes(app, deps);
  servicesRoutes(app, deps);
  return app;
}
