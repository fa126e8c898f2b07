import { requireAuthenticated } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { reviewView } from '../domain/review.js';
import type { ProductDeps } from '../use-cases/deps.js';
import { listProductReviews } from '../use-cases/list-reviews.js';
import { postReview } from '../use-cases/post-review.js';
import { Review, ReviewInput, ReviewListQuery, ReviewPage } from './review-schemas.js';
import { IdParams } from './schemas.js';

/**
 * Review text is plain text: it leaves as a JSON string, and `nosniff` keeps
 * a browser from ever treating a response as anything but JSON.
 */
export function reviewsRoutes(app: HttpApp, deps: ProductDeps): void {
  app.get(
    '/api/v1/products/:id/reviews',
    {
      schema: {
        tags: ['reviews'],
        params: IdParams,
        querystring: ReviewListQuery,
        response: { 200: ReviewPage },
      },
    },
    async (request, reply) => {
      const page = await listProductReviews(deps, { productId: request.params.id, ...request.query });
      reply.header('x-content-type-options', 'nosniff');
      return { items: page.items.map(reviewView), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/products/:id/reviews',
    {
      onRequest: requireAuthenticated,
      schema: { tags: ['reviews'], params: IdParams, body: ReviewInput, response: { 201: Review } },
    },
    async (request, reply) => {
      const review = await postReview(deps, request.ctx, {
        productId: request.params.id,
        customerId: request.principal!.subject,
        review: request.body,
      });
      return reply.code(201).header('x-content-type-options', 'nosniff').send(reviewView(review));
    },
  );
}
