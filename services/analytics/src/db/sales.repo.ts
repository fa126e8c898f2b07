import { sql } from 'drizzle-orm';
import type { Interval, ReportRange } from '../domain/report-range.js';
import type { SalesPeriod } from '../domain/sales.js';
import { biOrderLines, biOrders, biRefunds } from './bi-views.js';
import type { AnalyticsDb } from './database.js';

export interface SalesQuery extends ReportRange {
  interval: Interval;
  currency: string;
}

const iso = (at: Date) => at.toISOString();

/** The UTC period starts of the range, as a `periods(period)` CTE body. */
export const periodsOf = (query: ReportRange & { interval: Interval }) => sql`
  select generate_series(
    date_trunc(${query.interval}, ${iso(query.from)}::timestamptz at time zone 'UTC'),
    (${iso(query.to)}::timestamptz at time zone 'UTC') - interval '1 microsecond',
    ${`1 ${query.interval}`}::interval
  ) as period`;

/**
 * One row per period of the range, periods without sales included (zeros).
 * Paid orders count by when they were placed, refunds by when they were
 * made, each only in the asked currency: amounts are never added across
 * currencies, and each refund is one row (keyed by refund id), so it is
 * subtracted once.
 */
export async function salesSeries(
  db: AnalyticsDb,
  query: SalesQuery,
): Promise<Array<Omit<SalesPeriod, 'averageOrderValueMinor' | 'netRevenueMinor'>>> {
  const result = await db.execute<{
    period: string;
    orders: number;
    revenue: string;
    units: string;
    refunded: string;
  }>(sql`
    with periods as (${periodsOf(query)}),
    sales as (
      select date_trunc(${query.interval}, placed_at at time zone 'UTC') as period, count(*)::int as orders,
        sum(total_minor) as revenue, sum(items_count) as units
      from ${biOrders}
      where paid and currency = ${query.currency}
        and placed_at >= ${iso(query.from)} and placed_at < ${iso(query.to)}
      group by 1
    ),
    refunds as (
      select date_trunc(${query.interval}, refunded_at at time zone 'UTC') as period,
        sum(amount_minor) as refunded
      from ${biRefunds}
      where currency = ${query.currency}
        and refunded_at >= ${iso(query.from)} and refunded_at < ${iso(query.to)}
      group by 1
    )
    select to_char(periods.period, 'YYYY-MM-DD') as period, coalesce(sales.orders, 0) as orders,
      coalesce(sales.revenue, 0)::text as revenue, coalesce(sales.units, 0)::text as units,
      coalesce(refunds.refunded, 0)::text as refunded
    from periods
      left join sales on sales.period = periods.period
      left join refunds on refunds.period = periods.period
    order by periods.period`);
  return result.rows.map((row) => ({
    period: row.period,
    orders: Number(row.orders),
    revenueMinor: Number(row.revenue),
    units: Number(row.units),
    refundsMinor: Number(row.refunded),
  }));
}

export interface ProductSales {
  productId: string;
  title: string;
  categorySlug: string | null;
  units: number;
  revenueMinor: number;
  orders: number;
}

const linesIn = (query: ReportRange & { currency: string }) => sql`
  paid and currency = ${query.currency}
  and placed_at >= ${iso(query.from)} and placed_at < ${iso(query.to)}`;

/** Best sellers by revenue in the range and currency, then by units. */
export async function topProducts(
  db: AnalyticsDb,
  query: ReportRange & { currency: string; limit: number },
): Promise<ProductSales[]> {
  const result = await db.execute<{
    product_id: string;
    title: string;
    category: string;
    units: string;
    revenue: string;
    orders: number;
  }>(sql`
    select product_id, max(title) as title, max(category) as category, sum(quantity)::text as units,
      sum(revenue_minor)::text as revenue, count(distinct order_id)::int as orders
    from ${biOrderLines}
    where ${linesIn(query)}
    group by product_id
    order by sum(revenue_minor) desc, sum(quantity) desc, product_id
    limit ${query.limit}`);
  return result.rows.map((row) => ({
    productId: row.product_id,
    title: row.title,
    categorySlug: row.category === 'uncategorised' ? null : row.category,
    units: Number(row.units),
    revenueMinor: Number(row.revenue),
    orders: Number(row.orders),
  }));
}

export interface CategorySales {
  category: string;
  products: number;
  units: number;
  revenueMinor: number;
  orders: number;
}

/** Sales per category (the line's, else the catalog projection's, else `uncategorised`). */
export async function categorySales(
  db: AnalyticsDb,
  query: ReportRange & { currency: string },
): Promise<CategorySales[]> {
  const result = await db.execute<{
    category: string;
    products: number;
    units: string;
    revenue: string;
    orders: number;
  }>(sql`
    select category, count(distinct product_id)::int as products, sum(quantity)::text as units,
      sum(revenue_minor)::text as revenue, count(distinct order_id)::int as orders
    from ${biOrderLines}
    where ${linesIn(query)}
    group by category
    order by sum(revenue_minor) desc, category`);
  return result.rows.map((row) => ({
    category: row.category,
    products: Number(row.products),
    units: Number(row.units),
    revenueMinor: Number(row.revenue),
    orders: Number(row.orders),
  }));
}
