import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { type ReviewRecord, reviewView } from '../domain/review.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { listReviewsByStatus } from '../use-cases/list-reviews.js';
import { moderateReview } from '../use-cases/moderate-review.js';
import { ModeratedReview, ModeratedReviewPage, Moderation, ModerationQueueQuery } from './review-schemas.js';
import { IdParams } from './schemas.js';

const moderatedView = (review: ReviewRecord) => ({ ...reviewView(review), customerId: review.customerId });

/** Admin scope (reviews:moderate): the moderation queue and decisions. */
export async function reviewsAdminRoutes(app: HttpApp, deps: ProductDeps): Promise<void> {
  app.addHook('onRequest', requirePermission('reviews:moderate'));

  app.get(
    '/api/v1/reviews',
    {
      schema: {
        tags: ['reviews'],
        querystring: ModerationQueueQuery,
        response: { 200: ModeratedReviewPage },
      },
    },
    async (request) => {
      const page = await listReviewsByStatus(deps, request.query);
      return { items: page.items.map(moderatedView), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/reviews/:id/moderate',
    { schema: { tags: ['reviews'], params: IdParams, body: Moderation, response: { 200: ModeratedReview } } },
    async (request) =>
      moderatedView(
        await moderateReview(deps, request.ctx, {
          reviewId: request.params.id,
          status: request.body.status,
          moderatorId: request.principal!.subject,
        }),
      ),
  );
}
