import { isDeepStrictEqual } from 'node:util';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { productKeys } from '../cache/cache-keys.js';
import { findCategoryBySlug } from '../db/categories.repo.js';
import { isUniqueViolation, type ProductTx } from '../db/database.js';
import {
  claimSkus,
  findProductById,
  lockProduct,
  releaseSkus,
  updateProduct as writeProduct,
} from '../db/products.repo.js';
import { productErrors } from '../domain/errors.js';
import { type ProductDocument, promotedColumnsOf } from '../domain/product.js';
import type { ProductPatch } from '../domain/product-input.js';
import type { ProductRecord } from '../domain/product-record.js';
import { assertProductConsistent } from '../domain/product-rules.js';
import { canMoveTo } from '../domain/product-status.js';
import { type ProductView, productView } from '../domain/product-view.js';
import type { ProductDeps } from './deps.js';
import { announceProduct, announceProductDeleted } from './product-events.js';

/**
 * Admin: a partial update of a product (arrays replace whole: see
 * ProductPatch). Variants added claim their SKUs (unique across the
 * catalog), variants removed release theirs. In one transaction with the row
 * locked: `product.updated` with the full document, and `product.deleted`
 * when the product enters `archived`. A patch that changes nothing writes
 * nothing and announces nothing.
 */
export async function updateProduct(
  deps: ProductDeps,
  ctx: RequestContext,
  id: string,
  patch: ProductPatch,
): Promise<ProductView> {
  const category = patch.categorySlug ? await findCategoryBySlug(deps.db, patch.categorySlug) : undefined;
  if (patch.categorySlug && !category)
    throw productErrors.CATEGORY_NOT_FOUND(`category "${patch.categorySlug}" does not exist`);
  try {
    const { before, after } = await deps.db.transaction(async (tx) => {
      const current = await lockProduct(tx, id);
      if (!current) throw productErrors.PRODUCT_NOT_FOUND(`no product "${id}"`);
      const categoryId =
        patch.categorySlug === undefined ? (current.category?.id ?? null) : (category?.id ?? null);
      const next = nextStateOf(current, patch, categoryId);
      if (!next) return { before: current, after: current };
      await reassignSkus(tx, current, next.document);
      await writeProduct(tx, id, { ...next, ...promotedColumnsOf(next.document) });
      const updated = (await findProductById(tx, id))!;
      await announceProduct(deps, ctx, tx, 'updated', updated);
      if (updated.status === 'archived' && current.status !== 'archived') {
        await announceProductDeleted(deps, ctx, tx, updated);
      }
      return { before: current, after: updated };
    });
    if (before !== after) {
      await deps.cache.invalidate(productKeys([before, after]));
      ctx.logger.info({ productId: id, status: after.status }, 'product updated');
    }
    return productView(after);
  } catch (error) {
    if (isUniqueViolation(error, 'products_slug_unique')) {
      throw productErrors.PRODUCT_SLUG_TAKEN(`slug "${patch.slug}" is taken`);
    }
    throw error;
  }
}

/** The product after the patch, or undefined when the patch changes nothing. */
function nextStateOf(current: ProductRecord, patch: ProductPatch, categoryId: string | null) {
  const { status = current.status, slug = current.slug, categorySlug: _, ...fields } = patch;
  const editsContent =
    Object.keys(fields).length > 0 || slug !== current.slug || categoryId !== (current.category?.id ?? null);
  if (current.status === 'archived' && editsContent) throw productErrors.PRODUCT_ARCHIVED();
  if (!canMoveTo(current.status, status)) {
    throw productErrors.INVALID_STATUS_TRANSITION(`a product cannot go from ${current.status} to ${status}`);
  }
  const document: ProductDocument = { ...current.document, ...fields };
  const unchanged =
    status === current.status &&
    slug === current.slug &&
    categoryId === (current.category?.id ?? null) &&
    isDeepStrictEqual(document, current.document);
  if (unchanged) return undefined;
  assertProductConsistent(slug, document);
  return { slug, status, categoryId, document };
}

async function reassignSkus(tx: ProductTx, current: ProductRecord, document: ProductDocument) {
  const before = new Set(current.document.variants.map((variant) => variant.sku));
  const after = new Set(document.variants.map((variant) => variant.sku));
  const taken = await claimSkus(
    tx,
    current.id,
    [...after].filter((sku) => !before.has(sku)),
  );
  if (taken.length > 0) {
    throw productErrors.SKU_TAKEN(`SKUs already sold by another product: ${taken.join(', ')}`, {
      skus: taken,
    });
  }
  await releaseSkus(
    tx,
    current.id,
    [...before].filter((sku) => !after.has(sku)),
  );
}
