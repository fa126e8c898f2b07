import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { archiveProduct } from '../use-cases/archive-product.js';
import { createProduct } from '../use-cases/create-product.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { updateProduct } from '../use-cases/update-product.js';
import { IdParams, Product, ProductInput, ProductPatch } from './schemas.js';

/** Admin scope (products:write): checked on request, before the body is even read. */
export async function productsAdminRoutes(app: HttpApp, deps: ProductDeps): Promise<void> {
  app.addHook('onRequest', requirePermission('products:write'));

  app.post(
    '/api/v1/products',
    { schema: { tags: ['products'], body: ProductInput, response: { 201: Product } } },
    async (request, reply) => {
      const created = await createProduct(deps, request.ctx, request.body);
      return reply.code(201).header('location', `/api/v1/products/${created.id}`).send(created);
    },
  );

  app.patch(
    '/api/v1/products/:id',
    { schema: { tags: ['products'], params: IdParams, body: ProductPatch, response: { 200: Product } } },
    async (request) => updateProduct(deps, request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/products/:id',
    {
      schema: {
        tags: ['products'],
        description: 'Soft delete: the product is archived and `product.deleted` announced.',
        params: IdParams,
      },
    },
    async (request, reply) => {
      await archiveProduct(deps, request.ctx, request.params.id);
      return reply.code(204).send();
    },
  );
}
