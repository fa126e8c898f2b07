import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { categoriesRoutes } from './http/categories.routes.js';
import { categoriesAdminRoutes } from './http/categories-admin.routes.js';
import { productsRoutes } from './http/products.routes.js';
import { productsAdminRoutes } from './http/products-admin.routes.js';
import type { ProductDeps } from './use-cases/deps.js';

export interface ProductAppDeps extends ProductDeps {
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
}

export const productServiceDescription =
  'Catalog: products as JSONB documents with variants, and the category tree.';

export async function buildApp(deps: ProductAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'product',
    version: '0.1.0',
    description: productServiceDescription,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
  });
  productsRoutes(app, deps);
  categoriesRoutes(app, deps);
  // Admin scope: an encapsulated plugin, so the RBAC guard added with authentication covers exactly these.
  await app.register(async (admin: HttpApp) => {
    productsAdminRoutes(admin, deps);
    categoriesAdminRoutes(admin, deps);
  });
  return app;
}
