import type { RequestContext } from '@emporium/platform/http/request-context';
import { categoryTreeKey } from '../cache/cache-keys.js';
import { categoryContents, lockCategory, deleteCategory as removeCategory } from '../db/categories.repo.js';
import { productErrors } from '../domain/errors.js';
import type { ProductDeps } from './deps.js';

/**
 * Admin: deletes an empty category. One with subcategories or products (of
 * any status, archived included) is refused with 409: move or delete those
 * first, nothing is orphaned or re-homed silently.
 */
export async function deleteCategory(deps: ProductDeps, ctx: RequestContext, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await lockCategory(tx, id))) throw productErrors.CATEGORY_NOT_FOUND(`no category "${id}"`);
    const contents = await categoryContents(tx, id);
    if (contents.children > 0 || contents.products > 0) {
      throw productErrors.CATEGORY_NOT_EMPTY(
        `it has ${contents.children} subcategories and ${contents.products} products`,
        contents,
      );
    }
    await removeCategory(tx, id);
  });
  await deps.cache.invalidate(categoryTreeKey);
  ctx.logger.info({ categoryId: id }, 'category deleted');
}
