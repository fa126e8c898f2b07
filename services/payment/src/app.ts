import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { capturesRoutes } from './http/captures.routes.js';
import { paymentsRoutes } from './http/payments.routes.js';
import { providersRoutes } from './http/providers.routes.js';
import { refundsRoutes } from './http/refunds.routes.js';
import { webhooksRoutes } from './http/webhooks.routes.js';
import type { PaymentDeps } from './use-cases/deps.js';

export interface PaymentAppDeps extends PaymentDeps {
  auth: Verifiers;
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const paymentServiceDescription =
  'Payments through the sandbox, Stripe and PayPal gateways: a transactions ledger, refunds and signed webhooks.';

export async function buildApp(deps: PaymentAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'payment',
    version: '0.1.0',
    description: paymentServiceDescription,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
    auth: deps.auth,
  });
  providersRoutes(app, deps);
  paymentsRoutes(app, deps);
  refundsRoutes(app, deps);
  capturesRoutes(app, deps);
  webhooksRoutes(app, deps);
  return app;
}
