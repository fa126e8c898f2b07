import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { orderAdminRoutes } from './http/order-admin.routes.js';
import { ordersRoutes } from './http/orders.routes.js';
import type { OrderDeps } from './use-cases/deps.js';

export interface OrderAppDeps extends OrderDeps {
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const orderServiceDescription = 'Orders, their status history and lifecycle; carts and checkout next.';

export async function buildApp(deps: OrderAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'order',
    version: '0.1.0',
    description: orderServiceDescription,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
  });
  ordersRoutes(app, deps);
  // Admin scope: the identity issue registers these inside an encapsulated plugin with the RBAC guard.
  orderAdminRoutes(app, deps);
  return app;
}
