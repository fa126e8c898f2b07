import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { outboxRoutes } from './http/outbox.routes.js';
import { preferencesRoutes } from './http/preferences.routes.js';
import { templatesRoutes } from './http/templates.routes.js';
import type { NotificationDeps } from './use-cases/deps.js';

export interface NotificationAppDeps extends NotificationDeps {
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const description =
  'Templates, preferences and the delivery log of email, SMS, push and live updates.';

export async function buildApp(deps: NotificationAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'notification',
    version: '0.1.0',
    description,
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
  });
  preferencesRoutes(app, deps);
  // Admin scope: the role guard of the authentication issue is added to this encapsulated context.
  await app.register(async (admin: HttpApp) => {
    outboxRoutes(admin, deps);
    templatesRoutes(admin, deps);
  });
  return app;
}
