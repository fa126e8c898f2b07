import { Type } from 'typebox';
import { behaviourKinds } from '../domain/behaviour.js';

export const Uuid = Type.String({ format: 'uuid' });

export const BehaviourEventBody = Type.Object(
  {
    kind: Type.Enum(behaviourKinds),
    /** Required for view, add_to_cart and purchase; absent for search. */
    productId: Type.Optional(Uuid),
    /** Required for search; absent otherwise. */
    query: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    sessionId: Type.String({ minLength: 1, maxLength: 128 }),
    userId: Type.Optional(Uuid),
    /** When the shopper did it; defaults to when it is received, and never later than that. */
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const maxBatch = 50;

export const TrackBody = Type.Union([
  BehaviourEventBody,
  Type.Object(
    { events: Type.Array(BehaviourEventBody, { minItems: 1, maxItems: maxBatch }) },
    { additionalProperties: false },
  ),
]);

export const Limit = Type.Integer({ minimum: 1, maximum: 50, default: 10 });

const ScoredProduct = Type.Object({ productId: Uuid, score: Type.Number() }, { additionalProperties: false });

export const ScoredProducts = Type.Object(
  { items: Type.Array(ScoredProduct) },
  { additionalProperties: false },
);

/** Similar products and bought together: from the product's neighbours, or popularity while it has none. */
export const ProductRecommendations = Type.Object(
  {
    items: Type.Array(ScoredProduct),
    basedOn: Type.Union([Type.Literal('neighbours'), Type.Literal('popularity')]),
  },
  { additionalProperties: false },
);

export const ForYou = Type.Object(
  {
    items: Type.Array(ScoredProduct),
    basedOn: Type.Union([Type.Literal('history'), Type.Literal('popularity')]),
  },
  { additionalProperties: false },
);

export const ForYouQuery = Type.Object(
  {
    limit: Limit,
    /** The anonymous session's id (the one sent with its behaviour events); a signed-in user's comes from the token. */
    sessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
);
