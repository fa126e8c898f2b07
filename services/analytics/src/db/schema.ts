import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  type PgColumn,
  pgSchema,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * Everything the analytics service owns lives in the `analytics` Postgres
 * schema: fact tables fed by the other services' events (issue 7), each row
 * keyed by the business id the event carries (order, payment, refund, user,
 * search id), so a duplicated or redelivered event writes nothing new and a
 * late one fills in what an earlier one could not. Money is in minor units
 * with its currency on the same row. Ids are text: contracts promise strings,
 * not UUIDs. BI tools read the views of `analytics_bi` (bi-views.ts).
 */
export const analytics = pgSchema('analytics');

const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const currencyCheck = (name: string, column: PgColumn) =>
  check(name, sql`${column} is null or ${column} ~ '^[A-Z]{3}$'`);

/**
 * One row per order, from whichever of its events arrives first; `placed_at`
 * and the amounts are null until `order.created` (or a later event carrying
 * them) is seen, and reports skip such rows. `status` is the one of the
 * latest event by its own timestamp (`status_at`), whatever the arrival order.
 */
export const factOrders = analytics.table(
  'fact_orders',
  {
    orderId: text('order_id').primaryKey(),
    number: text('number'),
    /** Null for a guest checkout. */
    customerId: text('customer_id'),
    /** The customer id, or `guest:` + a hash of the guest's email: one key per customer, no personal data. */
    customerKey: text('customer_key').notNull(),
    currency: text('currency'),
    totalMinor: money('total_minor'),
    itemsCount: integer('items_count'),
    status: text('status').notNull(),
    statusAt: at('status_at').notNull(),
    placedAt: at('placed_at'),
    /** When an order event first reported it paid (payments are also read from `fact_payments`). */
    paidAt: at('paid_at'),
    cancelledAt: at('cancelled_at'),
    completedAt: at('completed_at'),
  },
  (t) => [
    currencyCheck('fact_orders_currency', t.currency),
    check('fact_orders_amounts', sql`${t.totalMinor} >= 0 and ${t.itemsCount} >= 0`),
    index('fact_orders_placed_idx').on(t.placedAt),
    index('fact_orders_customer_idx').on(t.customerKey, t.placedAt),
  ],
);

export const factOrderLines = analytics.table(
  'fact_order_lines',
  {
    orderId: text('order_id').notNull(),
    sku: text('sku').notNull(),
    productId: text('product_id').notNull(),
    title: text('title').notNull(),
    /** From the line when the order carries it; otherwise reports take the product projection's. */
    categorySlug: text('category_slug'),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: money('unit_price_minor').notNull(),
    /** quantity × unit price, in the order's currency (before order-level discounts). */
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
    paymentId: text('payment_id').primaryKey(),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id'),
    provider: text('provider').notNull(),
    /** initiated, then completed or failed: a final status is never taken back by a late `initiated`. */
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    amountMinor: money('amount_minor').notNull(),
    initiatedAt: at('initiated_at'),
    completedAt: at('completed_at'),
    failedAt: at('failed_at'),
    failureCode: text('failure_code'),
  },
  (t) => [
    currencyCheck('fact_payments_currency', t.currency),
    index('fact_payments_order_idx').on(t.orderId),
    index('fact_payments_completed_idx').on(t.completedAt),
  ],
);

export const factRefunds = analytics.table(
  'fact_refunds',
  {
    refundId: text('refund_id').primaryKey(),
    paymentId: text('payment_id').notNull(),
    orderId: text('order_id').notNull(),
    currency: text('currency').notNull(),
    amountMinor: money('amount_minor').notNull(),
    fullRefund: boolean('full_refund').notNull(),
    reason: text('reason').notNull(),
    refundedAt: at('refunded_at').notNull(),
  },
  (t) => [
    currencyCheck('fact_refunds_currency', t.currency),
    check('fact_refunds_amount', sql`${t.amountMinor} > 0`),
    index('fact_refunds_refunded_idx').on(t.refundedAt),
    index('fact_refunds_order_idx').on(t.orderId),
  ],
);

/** Accounts: no personal data beyond the id; `deleted_at` once the account was erased. */
export const factUsers = analytics.table(
  'fact_users',
  {
    userId: text('user_id').primaryKey(),
    registeredAt: at('registered_at'),
    locale: text('locale'),
    marketingOptIn: boolean('marketing_opt_in'),
    deletedAt: at('deleted_at'),
  },
  (t) => [index('fact_users_registered_idx').on(t.registeredAt)],
);

/**
 * Storefront interactions (views, clicks, searches, add-to-carts, ...),
 * keyed by the event that reported them. `visitor_key` is the user id when
 * signed in, else `session:<id>` (or `cart:<id>`): the funnel counts visitors.
 */
export const factBehaviour = analytics.table(
  'fact_behaviour',
  {
    eventId: text('event_id').primaryKey(),
    kind: text('kind').notNull(),
    visitorKey: text('visitor_key').notNull(),
    userId: text('user_id'),
    sessionId: text('session_id'),
    productId: text('product_id'),
    sku: text('sku'),
    query: text('query'),
    at: at('at').notNull(),
  },
  (t) => [
    index('fact_behaviour_at_idx').on(t.at, t.kind),
    index('fact_behaviour_visitor_idx').on(t.visitorKey),
  ],
);

export const factSearches = analytics.table(
  'fact_searches',
  {
    searchId: text('search_id').primaryKey(),
    query: text('query').notNull(),
    /** Lower case, spaces collapsed: what the terms report groups by. */
    term: text('term').notNull(),
    resultCount: integer('result_count').notNull(),
    userId: text('user_id'),
    sessionId: text('session_id'),
    at: at('at').notNull(),
  },
  (t) => [index('fact_searches_at_idx').on(t.at), index('fact_searches_term_idx').on(t.term)],
);

/** Clicks on a search's hits; may arrive before their search. One per product per search. */
export const factSearchClicks = analytics.table(
  'fact_search_clicks',
  {
    searchId: text('search_id').notNull(),
    productId: text('product_id').notNull(),
    position: integer('position').notNull(),
    at: at('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.searchId, t.productId] })],
);

/** The catalog as product events describe it: titles and categories for the reports. */
export const dimProducts = analytics.table('dim_products', {
  productId: text('product_id').primaryKey(),
  title: text('title').notNull(),
  categorySlug: text('category_slug'),
  brand: text('brand'),
  /** The document's `updatedAt`: an older document never overwrites a newer one. */
  versionAt: at('version_at').notNull(),
  deletedAt: at('deleted_at'),
});

/**
 * What each service's `/metrics` said at a scrape: cumulative HTTP request
 * counts (operational routes excluded) and latency histogram buckets (upper
 * bound in seconds → cumulative count). Rates are differences between scrapes.
 */
export const metricScrapes = analytics.table(
  'metric_scrapes',
  {
    service: text('service').notNull(),
    scrapedAt: at('scraped_at').notNull(),
    ok: boolean('ok').notNull(),
    error: text('error'),
    requests: doublePrecision('requests').notNull(),
    errors: doublePrecision('errors').notNull(),
    buckets: jsonb('buckets').$type<Array<[number, number]>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.service, t.scrapedAt] })],
);

/**
 * Stock as inventory events report it, one row per event and SKU line
 * (reservations carry several): changes, alerts, reservations and their
 * outcomes. Keyed by the event id, so a redelivery adds nothing.
 */
export const factStockEvents = analytics.table(
  'fact_stock_events',
  {
    eventId: text('event_id').notNull(),
    sku: text('sku').notNull(),
    /** Empty when the event names no warehouse (a failed reservation). */
    warehouseId: text('warehouse_id').notNull(),
    /** The event type without its `inventory.` prefix: updated, low_stock, reserved, ... */
    kind: text('kind').notNull(),
    orderId: text('order_id'),
    quantity: integer('quantity'),
    /** Available stock after the event, when it says. */
    available: integer('available'),
    at: at('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.sku, t.warehouseId] }),
    index('fact_stock_events_sku_idx').on(t.sku, t.at),
  ],
);

export const outbox = outboxTable(analytics);
export const inbox = inboxTable(analytics);
export const deadLetters = deadLetterTable(analytics);
