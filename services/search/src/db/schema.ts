import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
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
 * catalog (and, later, stock) so a query never leaves this table.
 */
export const documents = search.table(
  'documents',
  {
    productId: uuid('product_id').primaryKey(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    brand: text('brand'),
    /** The product's category and all its ancestors, so filtering by a parent includes descendants. */
    categorySlugs: text('category_slugs').array().notNull(),
    tags: text('tags').array().notNull(),
    priceMinMinor: integer('price_min_minor').notNull(),
    priceMaxMinor: integer('price_max_minor').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    inStock: boolean('in_stock').notNull(),
    rating: real('rating').notNull().default(0),
    popularity: integer('popularity').notNull().default(0),
    imageUrl: text('image_url'),
    /** Option values by name (`{"Size": ["S", "M"]}`): attribute facets and filters build on it. */
    attributes: jsonb('attributes').$type<Record<string, string[]>>().notNull(),
    /** Weighted title A, brand and tags B, description C; written with the row (see text-search.ts). */
    searchVector: tsvector('search_vector').notNull(),
    createdAt: timestamp3('created_at').notNull(),
    updatedAt: timestamp3('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('documents_search_vector_idx').using('gin', t.searchVector),
    index('documents_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('documents_category_slugs_idx').using('gin', t.categorySlugs),
    index('documents_price_idx').on(t.priceMinMinor, t.productId),
    index('documents_created_idx').on(t.createdAt, t.productId),
  ],
);

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
