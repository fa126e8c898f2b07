import type { RequestContext } from '@emporium/platform/http/request-context';
import { categoryTreeKey } from '../cache/cache-keys.js';
import { findCategoryBySlug, insertCategory, nextPosition } from '../db/categories.repo.js';
import type { CategoryRow } from '../domain/category-tree.js';
import { productErrors } from '../domain/errors.js';
import type { ProductDeps } from './deps.js';

export interface CreateCategoryInput {
  slug: string;
  name: string;
  parentSlug?: string | undefined;
  position?: number | undefined;
}

/** Admin: adds a category under a parent (by slug) or at the root; it lands last unless placed. */
export async function createCategory(
  deps: ProductDeps,
  ctx: RequestContext,
  input: CreateCategoryInput,
): Promise<CategoryRow> {
  const parent = input.parentSlug ? await findCategoryBySlug(deps.db, input.parentSlug) : undefined;
  if (input.parentSlug && !parent) {
    throw productErrors.CATEGORY_NOT_FOUND(`parent category "${input.parentSlug}" does not exist`);
  }
  const parentId = parent?.id ?? null;
  const created = await insertCategory(deps.db, {
    slug: input.slug,
    name: input.name,
    parentId,
    path: [...(parent?.path ?? []), input.slug],
    position: input.position ?? (await nextPosition(deps.db, parentId)),
  });
  if (!created) throw productErrors.CATEGORY_SLUG_TAKEN(`category "${input.slug}" already exists`);
  await deps.cache.invalidate(categoryTreeKey);
  ctx.logger.info({ categoryId: created.id, slug: created.slug }, 'category created');
  return created;
}
