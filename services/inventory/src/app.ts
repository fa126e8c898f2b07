import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { reservationsRoutes } from './http/reservations.routes.js';
import { stockRoutes } from './http/stock.routes.js';
import { stockAdminRoutes } from './http/stock-admin.routes.js';
import { warehousesRoutes } from './http/warehouses.routes.js';
import type { InventoryDeps } from './use-cases/deps.js';

export interface InventoryAppDeps extends InventoryDeps {
  auth: Verifiers;
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export async function buildApp(deps: InventoryAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'inventory',
    version: '0.1.0',
    description: 'Stock per SKU and warehouse, reservations, low-stock alerts.',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    auth: deps.auth,
  });
  warehousesRoutes(app, deps);
  stockRoutes(app, deps);
  stockAdminRoutes(app, deps);
  reservationsRoutes(app, deps);
  return app;
}
