import { isDeepStrictEqual } from 'node:util';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { productKeys } from '../cache/cache-keys.js';
import { findProductById, lockProduct, updateDocument } from '../db/products.repo.js';
import { approvedStarCounts, findReview, setReviewStatus } from '../db/reviews.repo.js';
import { productErrors } from '../domain/errors.js';
import { ratingOf } from '../domain/rating.js';
import type { ReviewRecord } from '../domain/review.js';
import type { ProductDeps } from './deps.js';
import { announceProduct } from './product-events.js';

/**
 * Admin: approves or rejects a review (again, if need be). The product's
 * rating (count, average, histogram of approved reviews) is recomputed in
 * the same transaction, under the product's row lock so two moderations of
 * one product cannot both compute from a stale view, and announced with
 * `product.updated` when it changed.
 */
export async function moderateReview(
  deps: ProductDeps,
  ctx: RequestContext,
  input: { reviewId: string; status: 'approved' | 'rejected'; moderatorId: string },
): Promise<ReviewRecord> {
  const found = await findReview(deps.db, input.reviewId);
  if (!found) throw productErrors.REVIEW_NOT_FOUND(`no review "${input.reviewId}"`);
  const { review, product } = await deps.db.transaction(async (tx) => {
    const current = (await lockProduct(tx, found.productId))!;
    const review = (await setReviewStatus(tx, input.reviewId, input.status, input.moderatorId))!;
    const rating = ratingOf(await approvedStarCounts(tx, current.id));
    if (isDeepStrictEqual(rating, current.document.rating)) return { review, product: undefined };
    await updateDocument(tx, current.id, { ...current.document, rating });
    const updated = (await findProductById(tx, current.id))!;
    await announceProduct(deps, ctx, tx, 'updated', updated);
    return { review, product: updated };
  });
  if (product) await deps.cache.invalidate(productKeys([product]));
  ctx.logger.info(
    { reviewId: review.id, status: review.status, rating: product?.document.rating },
    'review moderated',
  );
  return review;
}
