import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
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
    /**
     * What the row was derived from when it came from another service's event
     * (`order:<orderId>:<productId>`, `cart:<eventId>`): order.created and
     * order.completed name the same purchase, which must count once.
     */
    source: text('source'),
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
    uniqueIndex('behaviour_events_source_idx').on(t.source).where(sql`${t.source} is not null`),
  ],
);

/** Precomputed nearest neighbours per product, written by the model builders (incremental and full), read as is. */
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

/**
 * The catalog as the product events describe it: what content similarity
 * reads, and what tells an archived or deleted product from a live one.
 * `sourceUpdatedAt` orders the events: an older document never overwrites a newer one.
 */
export const catalogProducts = recommendation.table(
  'catalog_products',
  {
    productId: uuid('product_id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    brand: text('brand'),
    /** Category names and slugs, root first, joined by spaces (a bag of words for content similarity). */
    category: text('category').notNull(),
    /** Tags, product type and option values, space-joined. */
    tags: text('tags').notNull(),
    skus: text('skus').array().notNull(),
    status: text('status').$type<'draft' | 'active' | 'archived' | 'deleted'>().notNull(),
    sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }).notNull(),
    /**
     * Can be recommended: active, and not out of stock (some SKU without a
     * known stock of 0). Derived whenever the product or one of its SKUs'
     * stock changes, so answers filter on a primary-key lookup.
     */
    available: boolean('available').notNull().default(true),
  },
  (t) => [
    check('catalog_products_status', sql`${t.status} in ('draft', 'active', 'archived', 'deleted')`),
    index('catalog_products_unavailable_idx').on(t.productId).where(sql`not ${t.available}`),
    // Stock events name a SKU: which product is it?
    index('catalog_products_skus_idx').using('gin', t.skus),
  ],
);

/** Stock per SKU from inventory events; may arrive before its product. */
export const skuStock = recommendation.table('sku_stock', {
  sku: text('sku').primaryKey(),
  totalAvailable: integer('total_available').notNull(),
  sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }).notNull(),
});

/**
 * Products whose neighbours are out of date: written with the change that
 * made them so (a purchase, a view, a product edit), drained by the
 * incremental model worker within a second or so.
 */
export const modelBacklog = recommendation.table(
  'model_backlog',
  {
    productId: uuid('product_id').notNull(),
    /** `behaviour`: co-view and co-purchase neighbours; `content`: content neighbours. */
    model: text('model').$type<'behaviour' | 'content'>().notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.model] }),
    check('model_backlog_model', sql`${t.model} in ('behaviour', 'content')`),
  ],
);

export const outbox = outboxTable(recommendation);
export const inbox = inboxTable(recommendation);
export const deadLetters = deadLetterTable(recommendation);
