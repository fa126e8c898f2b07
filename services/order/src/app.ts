import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { cartsRoutes } from './http/carts.routes.js';
import { orderAdminRoutes } from './http/order-admin.routes.js';
import { ordersRoutes } from './http/orders.routes.js';
import type { OrderDeps } from './use-cases/deps.js';

export interface OrderAppDeps extends OrderDeps {
  auth: Verifiers;
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const orderServiceDescription =
  'Carts, checkout (a saga over inventory and payment), orders, their status history and lifecycle.';

export async function buildApp(deps: OrderAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'order',
    version: '0.1.0',
    description: orderServiceDescription,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
    auth: deps.auth,
  });
  cartsRoutes(app, deps);
  ordersRoutes(app, deps);
  // Admin scope: every route in it requires `orders:write:any`.
  orderAdminRoutes(app, deps);
  return app;
}
