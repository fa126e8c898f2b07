import { sql } from 'drizzle-orm';
import type { Interval, ReportRange } from '../domain/report-range.js';
import { biRefunds } from './bi-views.js';
import type { AnalyticsDb } from './database.js';
import { periodsOf } from './sales.repo.js';

const iso = (at: Date) => at.toISOString();

export interface RefundPeriod {
  period: string;
  refunds: number;
  refundedMinor: number;
}

/** Refunds made per period, in one currency, zeros included; and per reason. */
export async function refundsReport(
  db: AnalyticsDb,
  query: ReportRange & { interval: Interval; currency: string },
): Promise<{
  series: RefundPeriod[];
  byReason: Array<{ reason: string; refunds: number; refundedMinor: number }>;
}> {
  const inRange = sql`currency = ${query.currency}
    and refunded_at >= ${iso(query.from)} and refunded_at < ${iso(query.to)}`;
  const series = await db.execute<{ period: string; refunds: number; refunded: string }>(sql`
    with periods as (${periodsOf(query)}),
    r as (
      select date_trunc(${query.interval}, refunded_at at time zone 'UTC') as period, count(*)::int as refunds,
        sum(amount_minor) as refunded
      from ${biRefunds} where ${inRange} group by 1
    )
    select to_char(periods.period, 'YYYY-MM-DD') as period, coalesce(r.refunds, 0) as refunds,
      coalesce(r.refunded, 0)::text as refunded
    from periods left join r on r.period = periods.period order by periods.period`);
  const reasons = await db.execute<{ reason: string; refunds: number; refunded: string }>(sql`
    select reason, count(*)::int as refunds, sum(amount_minor)::text as refunded
    from ${biRefunds} where ${inRange} group by reason order by sum(amount_minor) desc, reason`);
  return {
    series: series.rows.map((row) => ({
      period: row.period,
      refunds: Number(row.refunds),
      refundedMinor: Number(row.refunded),
    })),
    byReason: reasons.rows.map((row) => ({
      reason: row.reason,
      refunds: Number(row.refunds),
      refundedMinor: Number(row.refunded),
    })),
  };
}
