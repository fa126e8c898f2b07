import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { paymentsRoutes } from './http/payments.routes.js';
import type { PaymentDeps } from './use-cases/deps.js';

export interface PaymentAppDeps extends PaymentDeps {
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const paymentServiceDescription =
  'Payments and their transactions ledger; providers, refunds and webhooks next.';

export async function buildApp(deps: PaymentAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'payment',
    version: '0.1.0',
    description: paymentServiceDescription,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
  });
  paymentsRoutes(app, deps);
  return app;
}
