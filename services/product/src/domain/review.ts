import { type Static, Type } from 'typebox';

export const ReviewStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
]);
export type ReviewStatus = Static<typeof ReviewStatus>;

/**
 * What a customer writes. Title and body are plain text: stored as sent,
 * returned as JSON strings, never interpreted or rendered as HTML here (a
 * storefront must insert them as text). Only control characters are refused.
 */
const PlainText = (maxLength: number, minLength = 0) =>
  Type.String({ minLength, maxLength, pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$' });

export const ReviewInput = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    title: PlainText(150, 1),
    body: PlainText(5_000),
    /** How the review is signed in public; the customer id is never shown. */
    authorName: Type.Optional(PlainText(80, 1)),
  },
  { additionalProperties: false },
);
export type ReviewInput = Static<typeof ReviewInput>;

export interface ReviewRecord {
  id: string;
  productId: string;
  customerId: string;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  status: ReviewStatus;
  verifiedPurchase: boolean;
  createdAt: Date;
}

/** The public shape of a review (no customer id). */
export function reviewView(review: ReviewRecord) {
  return {
    id: review.id,
    productId: review.productId,
    authorName: review.authorName,
    rating: review.rating,
    title: review.title,
    body: review.body,
    status: review.status,
    verifiedPurchase: review.verifiedPurchase,
    createdAt: review.createdAt.toISOString(),
  };
}
