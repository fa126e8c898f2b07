import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BehaviourKind } from '../domain/behaviour.js';
import type { NeighbourKind } from '../domain/neighbours.js';

/** Everything the recommendation service owns lives in the `recommendation` Postgres schema. */
export const recommendation = pgSchema('recommendation');

/**
 * What shoppers did, per user and per anonymous session: the raw input of
 * every recommender. Filled by `POST /api/v1/events` now and by the order and
 * search events later.
 */
export const behaviourEvents = recommendation.table(
  'behaviour_events',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<BehaviourKind>().notNull(),
    productId: uuid('product_id'),
    query: text('query'),
    userId: uuid('user_id'),
    sessionId: text('session_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('behaviour_events_kind', sql`${t.kind} in ('view', 'search', 'add_to_cart', 'purchase')`),
    // A search is about a query, everything else about a product.
    check(
      'behaviour_events_subject',
      sql`(${t.kind} = 'search' and ${t.query} is not null) or (${t.kind} <> 'search' and ${t.productId} is not null)`,
    ),
    index('behaviour_events_user_idx').on(t.userId, t.occurredAt).where(sql`${t.userId} is not null`),
    index('behaviour_events_session_idx').on(t.sessionId, t.occurredAt),
    index('behaviour_events_product_idx')
      .on(t.productId, t.occurredAt)
      .where(sql`${t.productId} is not null`),
    // Popularity and incremental model updates read the recent tail.
    index('behaviour_events_occurred_idx').on(t.occurredAt),
  ],
);

/** Precomputed nearest neighbours per product, written by the model (a later issue), read as is. */
export const itemNeighbours = recommendation.table(
  'item_neighbours',
  {
    productId: uuid('product_id').notNull(),
    neighbourId: uuid('neighbour_id').notNull(),
    kind: text('kind').$type<NeighbourKind>().notNull(),
    score: doublePrecision('score').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.neighbourId, t.kind] }),
    check('item_neighbours_kind', sql`${t.kind} in ('co_view', 'co_purchase', 'content')`),
    check('item_neighbours_not_self', sql`${t.productId} <> ${t.neighbourId}`),
    index('item_neighbours_ranked_idx').on(t.productId, t.kind, t.score.desc()),
  ],
);

/** Popularity snapshot the model will maintain for the cold-start fallback. */
export const productPopularity = recommendation.table(
  'product_popularity',
  {
    productId: uuid('product_id').primaryKey(),
    score: doublePrecision('score').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('product_popularity_score_idx').on(t.score.desc())],
);
