import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { ReviewRecord, ReviewStatus } from '../domain/review.js';
import type { ProductExecutor } from './database.js';
import { purchases, reviews } from './schema.js';

const columns = {
  id: reviews.id,
  productId: reviews.productId,
  customerId: reviews.customerId,
  authorName: reviews.authorName,
  rating: reviews.rating,
  title: reviews.title,
  body: reviews.body,
  status: reviews.status,
  verifiedPurchase: reviews.verifiedPurchase,
  createdAt: reviews.createdAt,
};

export type NewReview = Pick<
  ReviewRecord,
  'productId' | 'customerId' | 'authorName' | 'rating' | 'title' | 'body'
>;

/**
 * Inserts the customer's review, marked verified when they bought the
 * product; undefined when they already reviewed it (one per customer).
 */
export async function insertReview(
  db: ProductExecutor,
  review: NewReview,
): Promise<ReviewRecord | undefined> {
  const [row] = await db
    .insert(reviews)
    .values({
      ...review,
      verifiedPurchase: sql`exists (select 1 from ${purchases} where ${purchases.customerId} = ${review.customerId} and ${purchases.productId} = ${review.productId})`,
    })
    .onConflictDoNothing()
    .returning(columns);
  return row;
}

export async function findReview(db: ProductExecutor, id: string): Promise<ReviewRecord | undefined> {
  const [row] = await db.select(columns).from(reviews).where(eq(reviews.id, id));
  return row;
}

export async function setReviewStatus(
  tx: ProductExecutor,
  id: string,
  status: ReviewStatus,
  moderatedBy: string,
): Promise<ReviewRecord | undefined> {
  const [row] = await tx
    .update(reviews)
    .set({ status, moderatedBy, moderatedAt: sql`now()` })
    .where(eq(reviews.id, id))
    .returning(columns);
  return row;
}

/** Approved reviews per star rating of one product: what the product's rating is computed from. */
export async function approvedStarCounts(tx: ProductExecutor, productId: string) {
  return tx
    .select({ rating: reviews.rating, count: sql<number>`count(*)::int` })
    .from(reviews)
    .where(and(eq(reviews.productId, productId), eq(reviews.status, 'approved')))
    .groupBy(reviews.rating);
}

/** One page (limit + 1 rows) newest first, after the given (createdAt, id) position. */
export async function listReviews(
  db: ProductExecutor,
  filter: {
    productId?: string | undefined;
    status: ReviewStatus;
    limit: number;
    after?: [string, string] | undefined;
  },
): Promise<ReviewRecord[]> {
  const where: SQL[] = [eq(reviews.status, filter.status)];
  if (filter.productId) where.push(eq(reviews.productId, filter.productId));
  if (filter.after) {
    where.push(
      sql`(${reviews.createdAt}, ${reviews.id}) < (${filter.after[0]}::timestamptz, ${filter.after[1]}::uuid)`,
    );
  }
  return db
    .select(columns)
    .from(reviews)
    .where(and(...where))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(filter.limit + 1);
}

/** A purchase arrived: the buyer's existing reviews of these products become verified. */
export async function markVerified(tx: SqlExecutor, customerId: string, productIds: string[]): Promise<void> {
  if (productIds.length === 0) return;
  await tx
    .update(reviews)
    .set({ verifiedPurchase: true })
    .where(and(eq(reviews.customerId, customerId), inArray(reviews.productId, productIds)));
}
