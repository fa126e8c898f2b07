import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { authRoutes } from './http/auth.routes.js';
import { usersAdminRoutes } from './http/users.routes.js';
import type { UserDeps } from './use-cases/deps.js';

export interface UserAppDeps extends UserDeps {
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const userServiceDescription =
  'Accounts, credentials and roles; registration today, login and JWT next.';

export async function buildApp(deps: UserAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'user',
    version: '0.1.0',
    description: userServiceDescription,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
  });
  authRoutes(app, deps);
  // Admin scope: the identity issue registers these inside an encapsulated plugin with the RBAC guard.
  usersAdminRoutes(app, deps);
  return app;
}
