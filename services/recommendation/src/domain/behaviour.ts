export const behaviourKinds = ['view', 'search', 'add_to_cart', 'purchase'] as const;
export type BehaviourKind = (typeof behaviourKinds)[number];

/** What a client sends to `POST /api/v1/events`, after schema validation. */
export interface BehaviourInput {
  kind: BehaviourKind;
  productId?: string | undefined;
  query?: string | undefined;
  sessionId: string;
  userId?: string | undefined;
  occurredAt?: string | undefined;
}

export interface BehaviourEvent {
  kind: BehaviourKind;
  productId: string | null;
  query: string | null;
  sessionId: string;
  userId: string | null;
  occurredAt: Date;
}

/** How much each kind says about interest in a product; searches name no product. */
export const popularityWeights = { view: 1, add_to_cart: 3, purchase: 5 } as const;

/** The per-kind rule the schema cannot express well: returns what is wrong, or undefined. */
export function problemOf(input: BehaviourInput): string | undefined {
  if (input.kind === 'search') {
    if (input.query === undefined || input.query.trim() === '') return 'a search needs a query';
    if (input.productId !== undefined) return 'a search names no productId';
    return undefined;
  }
  if (input.productId === undefined) return `a ${input.kind} needs a productId`;
  if (input.query !== undefined) return `a ${input.kind} carries no query`;
  return undefined;
}

/**
 * The event as stored. A client clock running ahead must not make an event
 * weigh more than one happening now, so a future time is clamped to `now`.
 */
export function behaviourEventOf(input: BehaviourInput, now: Date): BehaviourEvent {
  const claimed = input.occurredAt === undefined ? now : new Date(input.occurredAt);
  return {
    kind: input.kind,
    productId: input.productId ?? null,
    query: input.kind === 'search' ? input.query!.trim() : null,
    sessionId: input.sessionId,
    userId: input.userId ?? null,
    occurredAt: claimed > now ? now : claimed,
  };
}
