import { and, countDistinct, desc, eq, gte, lt, max, notInArray, sql } from 'drizzle-orm';
import type { Interval, ReportRange } from '../domain/report-range.js';
import { nonRevenueStatuses, type SalesPeriod } from '../domain/sales.js';
import type { AnalyticsDb } from './database.js';
import { factOrderLines, factOrders } from './schema.js';

export interface SalesQuery extends ReportRange {
  interval: Interval;
  currency: string;
}

const salesIn = (query: { from: Date; to: Date; currency: string }) =>
  and(
    gte(factOrders.placedAt, query.from),
    lt(factOrders.placedAt, query.to),
    eq(factOrders.currency, query.currency),
    notInArray(factOrders.status, nonRevenueStatuses),
  );

/**
 * One row per period of the range, periods without orders included (zeros),
 * from a generated series of UTC period starts left-joined to the orders.
 */
export async function salesSeries(
  db: AnalyticsDb,
  query: SalesQuery,
): Promise<Array<Omit<SalesPeriod, 'averageOrderValueMinor'>>> {
  const o = factOrders;
  const result = await db.execute<{ period: string; orders: number; revenue: string; units: string }>(sql`
    with periods as (
      select generate_series(
        date_trunc(${query.interval}, ${query.from.toISOString()}::timestamptz at time zone 'UTC'),
        (${query.to.toISOString()}::timestamptz at time zone 'UTC') - interval '1 microsecond',
        ${`1 ${query.interval}`}::interval
      ) as period
    ),
    sales as (
      select date_trunc(${query.interval}, ${o.placedAt} at time zone 'UTC') as period,
        ${o.totalMinor} as total_minor, ${o.itemsCount} as items_count
      from ${o}
      where ${salesIn(query)}
    )
    select to_char(periods.period, 'YYYY-MM-DD') as period,
      count(sales.period)::int as orders,
      coalesce(sum(sales.total_minor), 0)::text as revenue,
      coalesce(sum(sales.items_count), 0)::text as units
    from periods left join sales on sales.period = periods.period
    group by periods.period
    order by periods.period`);
  return result.rows.map((row) => ({
    period: row.period,
    orders: Number(row.orders),
    revenueMinor: Number(row.revenue),
    units: Number(row.units),
  }));
}

export interface ProductSales {
  productId: string;
  categorySlug: string | null;
  units: number;
  revenueMinor: number;
  orders: number;
}

/** Best sellers by revenue in the range and currency, then by units. */
export async function topProducts(
  db: AnalyticsDb,
  query: ReportRange & { currency: string; limit: number },
): Promise<ProductSales[]> {
  const l = factOrderLines;
  const revenue = sql<string>`sum(${l.revenueMinor})`;
  const units = sql<string>`sum(${l.quantity})`;
  const rows = await db
    .select({
      productId: l.productId,
      categorySlug: max(l.categorySlug),
      units,
      revenue,
      orders: countDistinct(l.orderId),
    })
    .from(l)
    .innerJoin(factOrders, eq(factOrders.orderId, l.orderId))
    .where(salesIn(query))
    .groupBy(l.productId)
    .orderBy(desc(revenue), desc(units), l.productId)
    .limit(query.limit);
  return rows.map((row) => ({
    productId: row.productId,
    categorySlug: row.categorySlug,
    units: Number(row.units),
    revenueMinor: Number(row.revenue),
    orders: row.orders,
  }));
}
