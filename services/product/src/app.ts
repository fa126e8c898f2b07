import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import { categoriesRoutes } from './http/categories.routes.js';
import { categoriesAdminRoutes } from './http/categories-admin.routes.js';
import { productImagesRoutes } from './http/product-images.routes.js';
import { productImagesAdminRoutes } from './http/product-images-admin.routes.js';
import { productsRoutes } from './http/products.routes.js';
import { productsAdminRoutes } from './http/products-admin.routes.js';
import { productsIoRoutes } from './http/products-io.routes.js';
import { reviewsRoutes } from './http/reviews.routes.js';
import { reviewsAdminRoutes } from './http/reviews-admin.routes.js';
import type { ProductDeps } from './use-cases/deps.js';

export interface ProductAppDeps extends ProductDeps {
  auth: Verifiers;
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
  importMaxBytes: number;
}

export const productServiceDescription =
  'Catalog: products as JSONB documents with variants and images, the category tree, reviews and ratings.';

export async function buildApp(deps: ProductAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'product',
    version: '0.1.0',
    description: productServiceDescription,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
    auth: deps.auth,
  });
  productsRoutes(app, deps);
  categoriesRoutes(app, deps);
  productImagesRoutes(app, deps);
  reviewsRoutes(app, deps);
  // Admin scopes: encapsulated plugins, each guarding exactly its routes with one permission.
  await app.register(async (admin: HttpApp) => productsAdminRoutes(admin, deps));
  await app.register(async (admin: HttpApp) => productImagesAdminRoutes(admin, deps));
  await app.register(async (admin: HttpApp) => productsIoRoutes(admin, deps));
  await app.register(async (admin: HttpApp) => categoriesAdminRoutes(admin, deps));
  await app.register(async (admin: HttpApp) => reviewsAdminRoutes(admin, deps));
  return app;
}
