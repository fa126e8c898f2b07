import { sql } from 'drizzle-orm';
import type { Interval, ReportRange } from '../domain/report-range.js';
import { biOrders } from './bi-views.js';
import type { AnalyticsDb } from './database.js';
import { periodsOf } from './sales.repo.js';

const iso = (at: Date) => at.toISOString();

export interface CustomerPeriod {
  period: string;
  customers: number;
  newCustomers: number;
  returningCustomers: number;
}

/**
 * Customers with a paid order per period: new when their first paid order
 * ever falls in that period, returning otherwise. Not per currency: it
 * counts people, not money.
 */
export async function customersSeries(
  db: AnalyticsDb,
  query: ReportRange & { interval: Interval },
): Promise<CustomerPeriod[]> {
  const trunc = (column: string) => sql.raw(`date_trunc('${query.interval}', ${column} at time zone 'UTC')`);
  const result = await db.execute<{ period: string; customers: number; new_customers: number }>(sql`
    with periods as (${periodsOf(query)}),
    firsts as (
      select customer_key, min(placed_at) as first_at from ${biOrders} where paid group by customer_key
    ),
    active as (
      select distinct ${trunc('o.placed_at')} as period, o.customer_key, ${trunc('f.first_at')} as first_period
      from ${biOrders} o join firsts f on f.customer_key = o.customer_key
      where o.paid and o.placed_at >= ${iso(query.from)} and o.placed_at < ${iso(query.to)}
    )
    select to_char(periods.period, 'YYYY-MM-DD') as period, count(active.customer_key)::int as customers,
      count(active.customer_key) filter (where active.first_period = active.period)::int as new_customers
    from periods left join active on active.period = periods.period
    group by periods.period
    order by periods.period`);
  return result.rows.map((row) => ({
    period: row.period,
    customers: Number(row.customers),
    newCustomers: Number(row.new_customers),
    returningCustomers: Number(row.customers) - Number(row.new_customers),
  }));
}

export interface CohortActivity {
  /** `YYYY-MM`: the month of the customers' first paid order. */
  cohort: string;
  /** Months after the cohort's month (0: the cohort month itself). */
  offset: number;
  customers: number;
}

/**
 * For customers whose first paid order falls in [from, to), how many of each
 * monthly cohort ordered again (paid) each month after, up to `to`.
 */
export async function cohortActivity(db: AnalyticsDb, query: ReportRange): Promise<CohortActivity[]> {
  const result = await db.execute<{ cohort: string; month_offset: number; customers: number }>(sql`
    with firsts as (
      select customer_key, date_trunc('month', min(placed_at) at time zone 'UTC') as cohort
      from ${biOrders} where paid group by customer_key
    ),
    members as (
      select customer_key, cohort from firsts
      where cohort >= date_trunc('month', ${iso(query.from)}::timestamptz at time zone 'UTC')
        and cohort < ${iso(query.to)}::timestamptz at time zone 'UTC'
    ),
    months as (
      select distinct customer_key, date_trunc('month', placed_at at time zone 'UTC') as month
      from ${biOrders} where paid and placed_at < ${iso(query.to)}
    )
    select to_char(m.cohort, 'YYYY-MM') as cohort,
      ((extract(year from a.month) - extract(year from m.cohort)) * 12
        + extract(month from a.month) - extract(month from m.cohort))::int as month_offset,
      count(*)::int as customers
    from members m join months a on a.customer_key = m.customer_key and a.month >= m.cohort
    group by 1, 2
    order by 1, 2`);
  return result.rows.map((row) => ({
    cohort: row.cohort,
    offset: Number(row.month_offset),
    customers: Number(row.customers),
  }));
}
