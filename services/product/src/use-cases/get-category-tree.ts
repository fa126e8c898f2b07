import { listCategories } from '../db/categories.repo.js';
import { type CategoryNode, categoryTreeOf } from '../domain/category-tree.js';
import type { ProductDeps } from './deps.js';

export async function getCategoryTree(deps: ProductDeps): Promise<CategoryNode[]> {
  return categoryTreeOf(await listCategories(deps.db));
}
