import { cacheKinds } from '../cache/cache-keys.js';
import { listCategories } from '../db/categories.repo.js';
import { type CategoryNode, categoryTreeOf } from '../domain/category-tree.js';
import type { ProductDeps } from './deps.js';

/** The whole tree, read through the cache; every category change invalidates it. */
export async function getCategoryTree(deps: ProductDeps): Promise<CategoryNode[]> {
  const tree = await deps.cache.get(cacheKinds.categoryTree, 'all', async () =>
    categoryTreeOf(await listCategories(deps.db)),
  );
  return tree ?? [];
}
