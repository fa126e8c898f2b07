import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  type PgColumn,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Everything the analytics service owns lives in the `analytics` Postgres
 * schema: fact tables fed by the other services' events (issue 7), read by the
 * reports and, read-only, by BI tools. Money is in minor units with its
 * currency on the same row; nothing here refers to another service's tables.
 */
export const analytics = pgSchema('analytics');

const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });
const currencyCheck = (name: string, column: PgColumn) => check(name, sql`${column} ~ '^[A-Z]{3}$'`);

export const factOrders = analytics.table(
  'fact_orders',
  {
    orderId: uuid('order_id').primaryKey(),
    /** Null for a guest checkout. */
    customerId: uuid('customer_id'),
    placedAt: at('placed_at').notNull(),
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    totalMinor: money('total_minor').notNull(),
    /** Units across the order's lines. */
    itemsCount: integer('items_count').notNull(),
    /** The customer's first order: new versus returning customers. */
    firstOrder: boolean('first_order').notNull(),
  },
  (t) => [
    currencyCheck('fact_orders_currency', t.currency),
    check('fact_orders_amounts', sql`${t.totalMinor} >= 0 and ${t.itemsCount} >= 0`),
    index('fact_orders_placed_idx').on(t.placedAt),
    index('fact_orders_customer_idx').on(t.customerId, t.placedAt),
  ],
);

export const factOrderLines = analytics.table(
  'fact_order_lines',
  {
    orderId: uuid('order_id').notNull(),
    sku: text('sku').notNull(),
    productId: uuid('product_id').notNull(),
    categorySlug: text('category_slug'),
    quantity: integer('quantity').notNull(),
    /** What the line brought in, in the order's currency. */
    revenueMinor: money('revenue_minor').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.sku] }),
    check('fact_order_lines_amounts', sql`${t.quantity} > 0 and ${t.revenueMinor} >= 0`),
    index('fact_order_lines_product_idx').on(t.productId),
  ],
);

export const factPayments = analytics.table(
  'fact_payments',
  {
    paymentId: uuid('payment_id').primaryKey(),
    orderId: uuid('order_id').notNull(),
    provider: text('provider').notNull(),
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    amountMinor: money('amount_minor').notNull(),
    occurredAt: at('occurred_at').notNull(),
  },
  (t) => [
    currencyCheck('fact_payments_currency', t.currency),
    index('fact_payments_occurred_idx').on(t.occurredAt),
    index('fact_payments_order_idx').on(t.orderId),
  ],
);

export const factRefunds = analytics.table(
  'fact_refunds',
  {
    refundId: uuid('refund_id').primaryKey(),
    paymentId: uuid('payment_id').notNull(),
    orderId: uuid('order_id').notNull(),
    currency: text('currency').notNull(),
    amountMinor: money('amount_minor').notNull(),
    refundedAt: at('refunded_at').notNull(),
  },
  (t) => [
    currencyCheck('fact_refunds_currency', t.currency),
    check('fact_refunds_amount', sql`${t.amountMinor} > 0`),
    index('fact_refunds_refunded_idx').on(t.refundedAt),
    index('fact_refunds_order_idx').on(t.orderId),
  ],
);

export const factUsers = analytics.table(
  'fact_users',
  {
    userId: uuid('user_id').primaryKey(),
    registeredAt: at('registered_at').notNull(),
  },
  (t) => [index('fact_users_registered_idx').on(t.registeredAt)],
);

/** Views, add-to-carts and purchases: the funnel. Keyed by the event that reported it. */
export const factBehaviour = analytics.table(
  'fact_behaviour',
  {
    eventId: uuid('event_id').primaryKey(),
    kind: text('kind').notNull(),
    productId: uuid('product_id'),
    sessionId: text('session_id').notNull(),
    userId: uuid('user_id'),
    at: at('at').notNull(),
  },
  (t) => [
    index('fact_behaviour_at_idx').on(t.at, t.kind),
    index('fact_behaviour_session_idx').on(t.sessionId),
  ],
);

export const factSearches = analytics.table(
  'fact_searches',
  {
    eventId: uuid('event_id').primaryKey(),
    q: text('q').notNull(),
    resultCount: integer('result_count').notNull(),
    clickedProductId: uuid('clicked_product_id'),
    at: at('at').notNull(),
  },
  (t) => [index('fact_searches_at_idx').on(t.at)],
);
