import type { RequestContext } from '@emporium/platform/http/request-context';
import { insertReview } from '../db/reviews.repo.js';
import { productErrors } from '../domain/errors.js';
import type { ReviewInput, ReviewRecord } from '../domain/review.js';
import type { ProductDeps } from './deps.js';
import { getProduct } from './get-product.js';

/**
 * A signed-in customer reviews a product on sale: one review per customer
 * per product (a second is 409). It waits for moderation (`pending`); it is
 * a verified purchase when the customer's order with the product completed.
 */
export async function postReview(
  deps: ProductDeps,
  ctx: RequestContext,
  input: { productId: string; customerId: string; review: ReviewInput },
): Promise<ReviewRecord> {
  const product = await getProduct(deps, input.productId);
  if (product.status !== 'active') throw productErrors.PRODUCT_NOT_FOUND(`no product "${input.productId}"`);
  const review = await insertReview(deps.db, {
    productId: product.id,
    customerId: input.customerId,
    authorName: input.review.authorName ?? 'Customer',
    rating: input.review.rating,
    title: input.review.title,
    body: input.review.body,
  });
  if (!review) throw productErrors.REVIEW_EXISTS();
  deps.metrics.reviewsPosted.inc();
  ctx.logger.info(
    { reviewId: review.id, productId: product.id, verified: review.verifiedPurchase },
    'review posted',
  );
  return review;
}
