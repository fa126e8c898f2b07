import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { createCategory } from '../use-cases/create-category.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { Category, CategoryInput } from './category-schemas.js';

/** Admin: registered in the admin scope (see app.ts), where the RBAC guard goes. */
export function categoriesAdminRoutes(app: HttpApp, deps: ProductDeps): void {
  app.post(
    '/api/v1/categories',
    { schema: { tags: ['categories'], body: CategoryInput, response: { 201: Category } } },
    async (request, reply) => {
      const { parentId: _, ...category } = await createCategory(deps, request.ctx, request.body);
      return reply.code(201).send(category);
    },
  );
}
