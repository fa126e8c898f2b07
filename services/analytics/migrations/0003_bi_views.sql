CREATE SCHEMA IF NOT EXISTS "analytics_bi";
--> statement-breakpoint
CREATE VIEW "analytics_bi"."behaviour" AS (select event_id, kind, visitor_key, product_id, sku, query, at from analytics.fact_behaviour);--> statement-breakpoint
CREATE VIEW "analytics_bi"."customers" AS (select o.customer_key, u.registered_at, min(o.placed_at) as first_paid_order_at,
      count(*)::int as paid_orders
    from analytics.fact_orders o
    left join analytics.fact_users u on u.user_id = o.customer_key
    where o.placed_at is not null and coalesce(o.paid_at, (select min(p.completed_at) from analytics.fact_payments p
     where p.order_id = o.order_id and p.status = 'completed')) is not null
    group by o.customer_key, u.registered_at);--> statement-breakpoint
CREATE VIEW "analytics_bi"."daily_sales" AS (with sales as (
      select (o.placed_at at time zone 'UTC')::date as day, o.currency, count(*)::int as orders,
        sum(o.items_count) as units, sum(o.total_minor) as gross
      from analytics.fact_orders o
      where o.placed_at is not null and coalesce(o.paid_at, (select min(p.completed_at) from analytics.fact_payments p
     where p.order_id = o.order_id and p.status = 'completed')) is not null
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
    from sales s full join refunds r on r.day = s.day and r.currency = s.currency);--> statement-breakpoint
CREATE VIEW "analytics_bi"."order_lines" AS (select l.order_id, l.sku, l.product_id, l.title,
      coalesce(l.category_slug, d.category_slug, 'uncategorised') as category,
      l.quantity, l.unit_price_minor, l.revenue_minor, o.currency, o.placed_at,
      coalesce(o.paid_at, (select min(p.completed_at) from analytics.fact_payments p
     where p.order_id = o.order_id and p.status = 'completed')) is not null as paid
    from analytics.fact_order_lines l
    join analytics.fact_orders o on o.order_id = l.order_id and o.placed_at is not null
    left join analytics.dim_products d on d.product_id = l.product_id);--> statement-breakpoint
CREATE VIEW "analytics_bi"."orders" AS (select o.order_id, o.number, o.customer_key, o.currency, o.total_minor, o.items_count,
      o.status, o.placed_at, coalesce(o.paid_at, (select min(p.completed_at) from analytics.fact_payments p
     where p.order_id = o.order_id and p.status = 'completed')) as paid_at, coalesce(o.paid_at, (select min(p.completed_at) from analytics.fact_payments p
     where p.order_id = o.order_id and p.status = 'completed')) is not null as paid,
      o.cancelled_at, o.completed_at
    from analytics.fact_orders o
    where o.placed_at is not null);--> statement-breakpoint
CREATE VIEW "analytics_bi"."payments" AS (select payment_id, order_id, provider, status, currency, amount_minor, initiated_at,
      completed_at, failed_at, failure_code from analytics.fact_payments);--> statement-breakpoint
CREATE VIEW "analytics_bi"."products" AS (select product_id, title, category_slug as category, brand, deleted_at from analytics.dim_products);--> statement-breakpoint
CREATE VIEW "analytics_bi"."refunds" AS (select refund_id, payment_id, order_id, currency, amount_minor, full_refund, reason,
      refunded_at from analytics.fact_refunds);--> statement-breakpoint
CREATE VIEW "analytics_bi"."searches" AS (select s.search_id, s.term, s.result_count,
      (select count(*)::int from analytics.fact_search_clicks c where c.search_id = s.search_id) as clicks,
      s.at
    from analytics.fact_searches s);