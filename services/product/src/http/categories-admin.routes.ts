import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { createCategory } from '../use-cases/create-category.js';
import { deleteCategory } from '../use-cases/delete-category.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { updateCategory } from '../use-cases/update-category.js';
import { Category, CategoryInput, CategoryParams, CategoryPatch } from './category-schemas.js';

/** Admin scope (categories:write): checked on request, before the body is even read. */
export async function categoriesAdminRoutes(app: HttpApp, deps: ProductDeps): Promise<void> {
  app.addHook('onRequest', requirePermission('categories:write'));

  app.post(
    '/api/v1/categories',
    { schema: { tags: ['categories'], body: CategoryInput, response: { 201: Category } } },
    async (request, reply) => {
      const { parentId: _, ...category } = await createCategory(deps, request.ctx, request.body);
      return reply.code(201).send(category);
    },
  );

  app.patch(
    '/api/v1/categories/:id',
    {
      schema: {
        tags: ['categories'],
        params: CategoryParams,
        body: CategoryPatch,
        response: { 200: Category },
      },
    },
    async (request) => {
      const { parentId: _, ...category } = await updateCategory(
        deps,
        request.ctx,
        request.params.id,
        request.body,
      );
      return category;
    },
  );

  app.delete(
    '/api/v1/categories/:id',
    { schema: { tags: ['categories'], params: CategoryParams } },
    async (request, reply) => {
      await deleteCategory(deps, request.ctx, request.params.id);
      return reply.code(204).send();
    },
  );
}
