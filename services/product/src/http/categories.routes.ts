import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { ProductDeps } from '../use-cases/deps.js';
import { getCategoryTree } from '../use-cases/get-category-tree.js';
import { CategoryNode } from './category-schemas.js';

export function categoriesRoutes(app: HttpApp, deps: ProductDeps): void {
  app.get(
    '/api/v1/categories',
    {
      schema: {
        tags: ['categories'],
        response: { 200: Type.Object({ items: Type.Array(CategoryNode) }, { additionalProperties: false }) },
      },
    },
    async () => ({ items: await getCategoryTree(deps) }),
  );
}
