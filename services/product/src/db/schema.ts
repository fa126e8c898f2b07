import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ProductDocument } from '../domain/product.js';

/** Everything the product service owns lives in the `product` Postgres schema. */
export const product = pgSchema('product');

// Timestamps used in keyset cursors are timestamptz(3): a JS Date carries them exactly.
const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const categories = product.table('categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  parentId: uuid('parent_id').references((): AnyPgColumn => categories.id),
  /** Slugs from the root down, this category last: a subtree is `path @> array[slug]`. */
  path: text('path').array().notNull(),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
});

/**
 * A product is a JSONB document (DESIGN §2); the columns listing and
 * filtering need are promoted out of it and kept in step on every write.
 */
export const products = product.table(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    status: text('status', { enum: ['draft', 'active', 'archived'] }).notNull(),
    categoryId: uuid('category_id').references(() => categories.id),
    document: jsonb('document').$type<ProductDocument>().notNull(),
    priceMinMinor: integer('price_min_minor').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('products_status_known', sql`${t.status} in ('draft', 'active', 'archived')`),
    check('products_price_not_negative', sql`${t.priceMinMinor} >= 0`),
    // Ascending: a backward scan serves newest-first (drizzle's desc() adds NULLS LAST, which misses the sort).
    index('products_status_created_idx').on(t.status, t.createdAt, t.id),
    index('products_status_price_idx').on(t.status, t.priceMinMinor, t.id),
    index('products_category_idx').on(t.categoryId),
  ],
);

/** Every variant SKU, unique across the catalog: price checks by SKU (order service) read here. */
export const productSkus = product.table(
  'product_skus',
  {
    sku: text('sku').primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
  },
  (t) => [index('product_skus_product_idx').on(t.productId)],
);

/**
 * One review per customer per product. Title and body are plain text, stored
 * as written and only ever returned as JSON strings (never rendered as HTML).
 */
export const reviews = product.table(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    customerId: text('customer_id').notNull(),
    authorName: text('author_name').notNull(),
    rating: integer('rating').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    verifiedPurchase: boolean('verified_purchase').notNull().default(false),
    moderatedBy: text('moderated_by'),
    moderatedAt: timestamp('moderated_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reviews_product_customer_key').on(t.productId, t.customerId),
    check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
    check('reviews_status_known', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    index('reviews_product_status_created_idx').on(t.productId, t.status, t.createdAt, t.id),
    index('reviews_status_created_idx').on(t.status, t.createdAt, t.id),
  ],
);

/** Who bought what, from `order.completed`: a review by a buyer is marked a verified purchase. */
export const purchases = product.table(
  'purchases',
  {
    customerId: text('customer_id').notNull(),
    productId: uuid('product_id').notNull(),
    /** The first completed order that contained the product. */
    orderId: text('order_id').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.productId] })],
);

/** Events leave through the outbox, written in the same transaction as the catalog change. */
export const outbox = outboxTable(product);
export const inbox = inboxTable(product);
export const deadLetters = deadLetterTable(product);
