import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgSchema,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Everything the search service owns lives in the `search` Postgres schema. */
export const search = pgSchema('search');

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
// Timestamps used in keyset cursors are timestamptz(3): a JS Date carries them exactly.
const timestamp3 = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The search index: one row per sellable product, denormalised from the
 * catalog and stock so a query never leaves this table. The reindex builds
 * a copy of it and swaps the two (db/index-rebuild.ts).
 */
export const documents = search.table(
  'documents',
  {
    productId: uuid('product_id').primaryKey(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    brand: text('brand'),
    /** The product's category and all its ancestors, root first, so filtering by a parent includes descendants. */
    categorySlugs: text('category_slugs').array().notNull(),
    /** The names of `categorySlugs`, same order: searchable words and facet labels. */
    categoryNames: text('category_names').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull(),
    /** Every variant's SKU: inventory events name SKUs. */
    skus: text('skus').array().notNull().default(sql`'{}'::text[]`),
    priceMinMinor: integer('price_min_minor').notNull(),
    priceMaxMinor: integer('price_max_minor').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    inStock: boolean('in_stock').notNull(),
    rating: real('rating').notNull().default(0),
    popularity: integer('popularity').notNull().default(0),
    imageUrl: text('image_url'),
    /** Option values by lower-case name (`{"size": ["S", "M"]}`): attribute facets and filters. */
    attributes: jsonb('attributes').$type<Record<string, string[]>>().notNull(),
    /** Title A, brand B, category names C, tags and description D; written with the row (see text-search.ts). */
    searchVector: tsvector('search_vector').notNull(),
    /** The tags alone: lifts a tag match above a description match, both being D. */
    tagsVector: tsvector('tags_vector').notNull().default(sql`''::tsvector`),
    createdAt: timestamp3('created_at').notNull(),
    /** The catalog's `updatedAt` of the version indexed: an older event never overwrites a newer one. */
    sourceUpdatedAt: timestamp3('source_updated_at'),
    updatedAt: timestamp3('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('documents_search_vector_idx').using('gin', t.searchVector),
    index('documents_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('documents_title_prefix_idx').on(sql`lower(${t.title}) text_pattern_ops`),
    index('documents_category_slugs_idx').using('gin', t.categorySlugs),
    index('documents_attributes_idx').using('gin', t.attributes.op('jsonb_path_ops')),
    index('documents_price_idx').on(t.priceMinMinor, t.productId),
    index('documents_created_idx').on(t.createdAt, t.productId),
    index('documents_rating_idx').on(t.rating, t.productId),
  ],
);

/** Available units of each SKU across warehouses, from `inventory.updated`: a product is in stock when any of its SKUs is. */
export const skuAvailability = search.table('sku_availability', {
  sku: text('sku').primaryKey(),
  totalAvailable: integer('total_available').notNull(),
  /** The inventory's `updatedAt`: a late, older event does not undo a newer one. */
  sourceUpdatedAt: timestamp3('source_updated_at').notNull(),
  /** When this service took the change in: a reindex re-applies what arrived while it ran. */
  receivedAt: timestamp3('received_at').notNull().defaultNow(),
});

/** Which product sells each SKU, so an availability change finds its document. */
export const productSkus = search.table(
  'product_skus',
  {
    sku: text('sku').primaryKey(),
    productId: uuid('product_id').notNull(),
  },
  (t) => [index('product_skus_product_idx').on(t.productId)],
);

/**
 * Products taken out of the index (deleted, or no longer active) and as of
 * which catalog version: an older `product.updated` arriving late does not bring them back.
 */
export const hiddenProducts = search.table('hidden_products', {
  productId: uuid('product_id').primaryKey(),
  hiddenAsOf: timestamp3('hidden_as_of').notNull(),
  reason: text('reason', { enum: ['deleted', 'inactive'] }).notNull(),
  receivedAt: timestamp3('received_at').notNull().defaultNow(),
});

/** Category slugs the service has seen with their names and paths (from the catalog's tree). */
export const categories = search.table('categories', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  /** Slugs from the root down, this category last. */
  path: text('path').array().notNull(),
});

/**
 * The shop's synonyms, applied by expanding the query: a rule without
 * `expandsTo` makes its terms equivalent; with it, each term also finds
 * `expandsTo` (one way).
 */
export const synonymRules = search.table('synonym_rules', {
  position: integer('position').primaryKey(),
  terms: text('terms').array().notNull(),
  expandsTo: text('expands_to').array(),
});

/** Every search a shopper ran (first pages only): the raw material of search analytics. */
export const queries = search.table(
  'queries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    q: text('q').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    sort: text('sort').notNull(),
    matchMode: text('match_mode').notNull(),
    resultCount: integer('result_count').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    createdAt: timestamp3('created_at').notNull().default(sql`now()`),
  },
  (t) => [index('queries_created_idx').on(t.createdAt)],
);

/** A shopper opened a hit of a logged search. */
export const clicks = search.table(
  'clicks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    queryId: bigint('query_id', { mode: 'number' })
      .notNull()
      .references(() => queries.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').notNull(),
    /** 1-based rank of the hit in the results. */
    position: integer('position').notNull(),
    createdAt: timestamp3('created_at').notNull().default(sql`now()`),
  },
  (t) => [
    index('clicks_query_idx').on(t.queryId),
    index('clicks_created_idx').on(t.createdAt),
    check('clicks_position_positive', sql`${t.position} >= 1`),
  ],
);

/**
 * Searches that found something, counted by normalised text: suggestions
 * for what others typed, read by prefix on every keystroke.
 */
export const popularQueries = search.table(
  'popular_queries',
  {
    query: text('query').primaryKey(),
    searches: integer('searches').notNull(),
    lastResultCount: integer('last_result_count').notNull(),
    lastSearchedAt: timestamp3('last_searched_at').notNull().default(sql`now()`),
  },
  (t) => [index('popular_queries_prefix_idx').on(sql`${t.query} text_pattern_ops`)],
);

/**
 * The reindex in progress, if any (one row at most). While `buildingUntil`
 * is in the future, index writes go to the staging copy as well, so nothing
 * an event changes during the rebuild is lost at the swap.
 */
export const indexRebuilds = search.table(
  'index_rebuilds',
  {
    id: integer('id').primaryKey(),
    startedAt: timestamp3('started_at').notNull(),
    buildingUntil: timestamp3('building_until').notNull(),
  },
  (t) => [check('index_rebuilds_single_row', sql`${t.id} = 1`)],
);

/** Events arrive through the inbox: each one is applied once, in the transaction that records it. */
export const outbox = outboxTable(search);
export const inbox = inboxTable(search);
export const deadLetters = deadLetterTable(search);
