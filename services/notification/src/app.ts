import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import websocket from '@fastify/websocket';
import { deliveriesRoutes } from './http/deliveries.routes.js';
import { liveRoutes } from './http/live.routes.js';
import { mailboxRoutes } from './http/mailbox.routes.js';
import { outboxRoutes } from './http/outbox.routes.js';
import { preferencesRoutes } from './http/preferences.routes.js';
import { pushSubscriptionsRoutes } from './http/push-subscriptions.routes.js';
import { templatesRoutes } from './http/templates.routes.js';
import type { NotificationDeps } from './use-cases/deps.js';

export interface NotificationAppDeps extends NotificationDeps {
  auth: Verifiers;
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
  pushAllowHttpEndpoints: boolean;
}

export const description =
  'Email, SMS, Web Push and live (WebSocket) updates from the event stream: templates, preferences, delivery log.';

export async function buildApp(deps: NotificationAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'notification',
    version: '0.1.0',
    description,
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    auth: deps.auth,
  });
  await app.register(websocket, { options: { maxPayload: 4_096 } });
  // A refused upgrade (401 from the authentication hook, which runs before the plugin marks the request as a
  // WebSocket one) is answered over the raw socket; it must then be closed, or the half-open socket holds
  // `close()` forever.
  app.addHook('onResponse', async (request) => {
    if (request.headers.upgrade?.toLowerCase() === 'websocket') request.raw.socket?.destroy();
  });
  preferencesRoutes(app, deps);
  deliveriesRoutes(app, deps);
  pushSubscriptionsRoutes(app, deps, { allowHttpEndpoints: deps.pushAllowHttpEndpoints });
  liveRoutes(app, deps, deps.auth);
  // Admin (notifications:read:any): the whole outbox, the embedded mailbox, templates.
  outboxRoutes(app, deps);
  mailboxRoutes(app, deps);
  templatesRoutes(app, deps);
  return app;
}
