import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  char,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
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
