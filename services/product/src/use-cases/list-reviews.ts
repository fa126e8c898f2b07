import { decodeCursor, type Page, pageFromRows, timeIdPosition } from '@emporium/platform/http/keyset-page';
import { listReviews as selectReviews } from '../db/reviews.repo.js';
import { productErrors } from '../domain/errors.js';
import type { ReviewRecord, ReviewStatus } from '../domain/review.js';
import type { ProductDeps } from './deps.js';
import { getProduct } from './get-product.js';

const pageOfRows = (rows: ReviewRecord[], limit: number) =>
  pageFromRows(rows, limit, (row) => [row.createdAt.toISOString(), row.id]);

/** The public reviews of a product on sale: approved ones only, newest first. */
export async function listProductReviews(
  deps: ProductDeps,
  input: { productId: string; limit: number; cursor?: string | undefined },
): Promise<Page<ReviewRecord>> {
  const product = await getProduct(deps, input.productId);
  if (product.status !== 'active') throw productErrors.PRODUCT_NOT_FOUND(`no product "${input.productId}"`);
  const after = input.cursor ? decodeCursor(timeIdPosition, input.cursor) : undefined;
  const rows = await selectReviews(deps.db, {
    productId: product.id,
    status: 'approved',
    limit: input.limit,
    after,
  });
  return pageOfRows(rows, input.limit);
}

/** Admin: the moderation queue (pending by default), across products, newest first. */
export async function listReviewsByStatus(
  deps: ProductDeps,
  input: { status: ReviewStatus; productId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<ReviewRecord>> {
  const after = input.cursor ? decodeCursor(timeIdPosition, input.cursor) : undefined;
  const rows = await selectReviews(deps.db, { ...input, after });
  return pageOfRows(rows, input.limit);
}
