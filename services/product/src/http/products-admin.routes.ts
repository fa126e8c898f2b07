import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { createProduct } from '../use-cases/create-product.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { productView } from './product-views.js';
import { Product, ProductInput } from './schemas.js';

/** Admin: registered in the admin scope (see app.ts), where the RBAC guard goes. */
export function productsAdminRoutes(app: HttpApp, deps: ProductDeps): void {
  app.post(
    '/api/v1/products',
    { schema: { tags: ['products'], body: ProductInput, response: { 201: Product } } },
    async (request, reply) => {
      const created = await createProduct(deps, request.ctx, request.body);
      return reply.code(201).header('location', `/api/v1/products/${created.id}`).send(productView(created));
    },
  );
}
