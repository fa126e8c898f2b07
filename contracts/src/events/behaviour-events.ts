import { Type } from 'typebox';
import { defineEvent } from './define-event.js';
import { Id, Nullable, Sku, Timestamp } from './shared-schemas.js';

export const BehaviourAction = Type.Enum(['view', 'click', 'search', 'add_to_cart', 'wishlist', 'purchase']);

export const behaviourTracked = defineEvent({
  type: 'behaviour.tracked',
  version: 1,
  producer: 'recommendation',
  consumers: ['analytics'],
  description:
    'A storefront interaction the recommender recorded (views, clicks, searches). ' +
    'Subject: user id, or session id for anonymous shoppers.',
  payload: Type.Object(
    {
      userId: Nullable(Id),
      sessionId: Type.String({ minLength: 1 }),
      action: BehaviourAction,
      productId: Nullable(Id),
      sku: Nullable(Sku),
      query: Nullable(Type.String({ maxLength: 256 })),
      occurredAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const behaviourEvents = [behaviourTracked] as const;
