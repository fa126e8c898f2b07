import { sql } from 'drizzle-orm';
import { bigint, boolean, date, integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The read-only SQL surface for BI tools (docs/analytics-schema.md): views
 * in their own schema, so a BI role is granted `USAGE` on `analytics_bi` and
 * `SELECT` on its views and never sees the fact tables, the inbox or the
 * outbox. The reports read the same views, so both agree by construction.
 * A view never reads another view: each is created on its own.
 */
export const analyticsBi = pgSchema('analytics_bi');

const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** When an order was paid, from its own events or from a completed payment, whichever came. */
const paidAtOf = (order: string) =>
  `coalesce(${order}.paid_at, (select min(p.completed_at) from analytics.fact_payments p
     where p.order_id = ${order}.order_id and p.status = 'completed'))`;

export const biOrders = analyticsBi
  .view('orders', {
    orderId: text('order_id').notNull(),
    number: text('number'),
    customerKey: text('customer_key').notNull(),
    currency: text('currency').notNull(),
    totalMinor: money('total_minor').notNull(),
    itemsCount: integer('items_count').notNull(),
    status: text('status').notNull(),
    placedAt: at('placed_at').notNull(),
    paidAt: at('paid_at'),
    paid: boolean('paid').notNull(),
    cancelledAt: at('cancelled_at'),
    completedAt: at('completed_at'),
  })
  .as(
    sql.raw(`select o.order_id, o.number, o.customer_key, o.currency, o.total_minor, o.items_count,
      o.status, o.placed_at, ${paidAtOf('o')} as paid_at, ${paidAtOf('o')} is not null as paid,
      o.cancelled_at, o.completed_at
    from analytics.fact_orders o
    where o.placed_at is not null`),
  );

export const biOrderLines = analyticsBi
  .view('order_lines', {
    orderId: text('order_id').notNull(),
    sku: text('sku').notNull(),
    productId: text('product_id').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: money('unit_price_minor').notNull(),
    revenueMinor: money('revenue_minor').notNull(),
    currency: text('currency').notNull(),
    placedAt: at('placed_at').notNull(),
    paid: boolean('paid').notNull(),
  })
  .as(
    sql.raw(`select l.order_id, l.sku, l.product_id, l.title,
      coalesce(l.category_slug, d.category_slug, 'uncategorised') as category,
      l.quantity, l.unit_price_minor, l.revenue_minor, o.currency, o.placed_at,
      ${paidAtOf('o')} is not null as paid
    from analytics.fact_order_lines l
    join analytics.fact_orders o on o.order_id = l.order_id and o.placed_at is not null
    left join analytics.dim_products d on d.product_id = l.product_id`),
  );

export const biPayments = analyticsBi
  .view('payments', {
    paymentId: text('payment_id').notNull(),
    orderId: text('order_id').notNull(),
    provider: text('provider').notNull(),
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    amountMinor: money('amount_minor').notNull(),
    initiatedAt: at('initiated_at'),
    completedAt: at('completed_at'),
    failedAt: at('failed_at'),
    failureCode: text('failure_code'),
  })
  .as(
    sql.raw(`select payment_id, order_id, provider, status, currency, amount_minor, initiated_at,
      completed_at, failed_at, failure_code from analytics.fact_payments`),
  );

export const biRefunds = analyticsBi
  .view('refunds', {
    refundId: text('refund_id').notNull(),
    paymentId: text('payment_id').notNull(),
    orderId: text('order_id').notNull(),
    currency: text('currency').notNull(),
    amountMinor: money('amount_minor').notNull(),
    fullRefund: boolean('full_refund').notNull(),
    reason: text('reason').notNull(),
    refundedAt: at('refunded_at').notNull(),
  })
  .as(
    sql.raw(`select refund_id, payment_id, order_id, currency, amount_minor, full_refund, reason,
      refunded_at from analytics.fact_refunds`),
  );

/** Paid orders and refunds per UTC day and currency; net = gross − refunds of that day. */
export const biDailySales = analyticsBi
  .view('daily_sales', {
    day: date('day').notNull(),
    currency: text('currency').notNull(),
    orders: integer('orders').notNull(),
    units: bigint('units', { mode: 'number' }).notNull(),
    grossRevenueMinor: money('gross_revenue_minor').notNull(),
    refunds: integer('refunds').notNull(),
    refundedMinor: money('refunded_minor').notNull(),
    netRevenueMinor: money('net_revenue_minor').notNull(),
  })
  .as(
    sql.raw(`with sales as (
      select (o.placed_at at time zone 'UTC')::date as day, o.currency, count(*)::int as orders,
        sum(o.items_count) as units, sum(o.total_minor) as gross
      from analytics.fact_orders o
      where o.placed_at is not null and ${paidAtOf('o')} is not null
      group by 1, 2
    ), refunds as (
      select (r.refunded_at at time zone 'UTC')::date as day, r.currency, count(*)::int as refunds,
        sum(r.amount_minor) as refunded
      from analytics.fact_refunds r group by 1, 2
    )
    select coalesce(s.day, r.day) as day, coalesce(s.currency, r.currency) as currency,
      coalesce(s.orders, 0) as orders, coalesce(s.units, 0)::bigint as units,
      coalesce(s.gross, 0)::bigint as gross_revenue_minor, coalesce(r.refunds, 0) as refunds,
      coalesce(r.refunded, 0)::bigint as refunded_minor,
      (coalesce(s.gross, 0) - coalesce(r.refunded, 0))::bigint as net_revenue_minor
    from sales s full join refunds r on r.day = s.day and r.currency = s.currency`),
  );

export const biCustomers = analyticsBi
  .view('customers', {
    customerKey: text('customer_key').notNull(),
    registeredAt: at('registered_at'),
    firstPaidOrderAt: at('first_paid_order_at'),
    paidOrders: integer('paid_orders').notNull(),
  })
  .as(
    sql.raw(`select o.customer_key, u.registered_at, min(o.placed_at) as first_paid_order_at,
      count(*)::int as paid_orders
    from analytics.fact_orders o
    left join analytics.fact_users u on u.user_id = o.customer_key
    where o.placed_at is not null and ${paidAtOf('o')} is not null
    group by o.customer_key, u.registered_at`),
  );

export const biBehaviour = analyticsBi
  .view('behaviour', {
    eventId: text('event_id').notNull(),
    kind: text('kind').notNull(),
    visitorKey: text('visitor_key').notNull(),
    productId: text('product_id'),
    sku: text('sku'),
    query: text('query'),
    at: at('at').notNull(),
  })
  .as(
    sql.raw(`select event_id, kind, visitor_key, product_id, sku, query, at from analytics.fact_behaviour`),
  );

export const biSearches = analyticsBi
  .view('searches', {
    searchId: text('search_id').notNull(),
    term: text('term').notNull(),
    resultCount: integer('result_count').notNull(),
    clicks: integer('clicks').notNull(),
    at: at('at').notNull(),
  })
  .as(
    sql.raw(`select s.search_id, s.term, s.result_count,
      (select count(*)::int from analytics.fact_search_clicks c where c.search_id = s.search_id) as clicks,
      s.at
    from analytics.fact_searches s`),
  );

export const biProducts = analyticsBi
  .view('products', {
    productId: text('product_id').notNull(),
    title: text('title').notNull(),
    category: text('category'),
    brand: text('brand'),
    deletedAt: at('deleted_at'),
  })
  .as(
    sql.raw(
      `select product_id, title, category_slug as category, brand, deleted_at from analytics.dim_products`,
    ),
  );

export const biStockEvents = analyticsBi
  .view('stock_events', {
    eventId: text('event_id').notNull(),
    kind: text('kind').notNull(),
    sku: text('sku').notNull(),
    warehouseId: text('warehouse_id'),
    orderId: text('order_id'),
    quantity: integer('quantity'),
    available: integer('available'),
    at: at('at').notNull(),
  })
  .as(
    sql.raw(`select event_id, kind, sku, nullif(warehouse_id, '') as warehouse_id, order_id, quantity,
      available, at from analytics.fact_stock_events`),
  );
