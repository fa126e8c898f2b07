import { maxPageLimit, pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { ReviewStatus } from '../domain/review.js';

export { ReviewInput } from '../domain/review.js';

const Id = Type.String({ format: 'uuid' });

export const Review = Type.Object(
  {
    id: Id,
    productId: Id,
    authorName: Type.String(),
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    title: Type.String({ description: 'plain text: display it as text, never as HTML' }),
    body: Type.String({ description: 'plain text: display it as text, never as HTML' }),
    status: ReviewStatus,
    verifiedPurchase: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** What moderators see: the review and who wrote it. */
export const ModeratedReview = Type.Object(
  { ...Review.properties, customerId: Type.String() },
  { additionalProperties: false },
);

export const ReviewPage = pageOf(Review);
export const ModeratedReviewPage = pageOf(ModeratedReview);

export const ReviewListQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: maxPageLimit, default: 20 }), cursor: pageQuery.cursor },
  { additionalProperties: false },
);

export const ModerationQueueQuery = Type.Object(
  {
    status: Type.Union(ReviewStatus.anyOf, { default: 'pending' }),
    productId: Type.Optional(Id),
    limit: Type.Integer({ minimum: 1, maximum: maxPageLimit, default: 20 }),
    cursor: pageQuery.cursor,
  },
  { additionalProperties: false },
);

export const Moderation = Type.Object(
  { status: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]) },
  { additionalProperties: false },
);
