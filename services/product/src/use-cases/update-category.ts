import type { RequestContext } from '@emporium/platform/http/request-context';
import { categoryTreeKey, productKeys } from '../cache/cache-keys.js';
import {
  findCategoryBySlug,
  liveProductIdsUnder,
  lockCategory,
  nextPosition,
  rewriteDescendantPaths,
  updateCategory as writeCategory,
} from '../db/categories.repo.js';
import { isUniqueViolation, type ProductTx } from '../db/database.js';
import { findProductsByIds, touchProducts } from '../db/products.repo.js';
import type { CategoryRow } from '../domain/category-tree.js';
import { productErrors } from '../domain/errors.js';
import type { ProductRecord } from '../domain/product-record.js';
import type { ProductDeps } from './deps.js';
import { announceProducts } from './product-events.js';

export interface CategoryPatch {
  slug?: string | undefined;
  name?: string | undefined;
  /** A slug moves the category under that parent; null moves it to the root. */
  parentSlug?: string | null | undefined;
  position?: number | undefined;
}

/** Products re-announced per batch when a renamed or moved category has many. */
const batchSize = 1_000;

/**
 * Admin: renames, re-slugs, moves or reorders a category. Its subtree's
 * paths follow, and every live product in the subtree is re-announced
 * (`product.updated`: its category path or name changed) in the same
 * transaction, so the search index's category facets stay right.
 */
export async function updateCategory(
  deps: ProductDeps,
  ctx: RequestContext,
  id: string,
  patch: CategoryPatch,
): Promise<CategoryRow> {
  try {
    const { category, products } = await deps.db.transaction(async (tx) => {
      const current = await lockCategory(tx, id);
      if (!current) throw productErrors.CATEGORY_NOT_FOUND(`no category "${id}"`);
      const next = await nextCategoryOf(tx, current, patch);
      await writeCategory(tx, id, next);
      const pathChanged = next.path.join('/') !== current.path.join('/');
      if (pathChanged) await rewriteDescendantPaths(tx, id, current.path, next.path);
      const announced = pathChanged || next.name !== current.name ? await reannounce(ctx, tx, next.slug) : [];
      return { category: { id, ...next }, products: announced };
    });
    await deps.cache.invalidate([...categoryTreeKey, ...productKeys(products)]);
    ctx.logger.info({ categoryId: id, products: products.length }, 'category updated');
    return category;
  } catch (error) {
    if (isUniqueViolation(error, 'categories_slug_unique')) {
      throw productErrors.CATEGORY_SLUG_TAKEN(`category "${patch.slug}" already exists`);
    }
    throw error;
  }
}

async function nextCategoryOf(tx: ProductTx, current: CategoryRow, patch: CategoryPatch) {
  const slug = patch.slug ?? current.slug;
  let parentId = current.parentId;
  let parentPath = current.path.slice(0, -1);
  if (patch.parentSlug !== undefined) {
    const parent = patch.parentSlug === null ? undefined : await findCategoryBySlug(tx, patch.parentSlug);
    if (patch.parentSlug !== null && !parent)
      throw productErrors.CATEGORY_NOT_FOUND(`parent category "${patch.parentSlug}" does not exist`);
    if (parent?.path.includes(current.slug)) {
      throw productErrors.CATEGORY_CYCLE(`"${parent.slug}" is "${current.slug}" or one of its descendants`);
    }
    parentId = parent?.id ?? null;
    parentPath = parent?.path ?? [];
  }
  const moved = parentId !== current.parentId;
  const position = patch.position ?? (moved ? await nextPosition(tx, parentId) : current.position);
  return { slug, name: patch.name ?? current.name, parentId, path: [...parentPath, slug], position };
}

async function reannounce(ctx: RequestContext, tx: ProductTx, slug: string): Promise<ProductRecord[]> {
  const ids = await liveProductIdsUnder(tx, slug);
  const announced: ProductRecord[] = [];
  for (let i = 0; i < ids.length; i += batchSize) {
    const batch = ids.slice(i, i + batchSize);
    await touchProducts(tx, batch);
    const products = await findProductsByIds(tx, batch);
    await announceProducts(ctx, tx, 'updated', products);
    announced.push(...products);
  }
  return announced;
}
