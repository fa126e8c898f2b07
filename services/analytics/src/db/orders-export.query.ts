import { sql } from 'drizzle-orm';
import type { ReportRange } from '../domain/report-range.js';
import { biOrders } from './bi-views.js';
import type { AnalyticsDb } from './database.js';

export type OrderExportRow = {
  order_id: string;
  number: string | null;
  customer_key: string;
  currency: string;
  total_minor: string;
  items_count: number;
  status: string;
  placed_at: string;
  paid: boolean;
  refunded_minor: string;
};

/**
 * Every order placed in the range, oldest first, read in keyset pages so an
 * export of any size streams with bounded memory and no open transaction.
 */
export async function* ordersInRange(
  db: AnalyticsDb,
  range: ReportRange & { currency?: string | undefined },
  pageSize = 1_000,
): AsyncGenerator<OrderExportRow> {
  let after: { placedAt: string; orderId: string } | undefined;
  for (;;) {
    const page = await db.execute<OrderExportRow & { placed_at_key: string }>(sql`
      select o.order_id, o.number, o.customer_key, o.currency, o.total_minor::text, o.items_count, o.status,
        to_char(o.placed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as placed_at,
        o.placed_at::text as placed_at_key, o.paid,
        (select coalesce(sum(r.amount_minor), 0) from analytics.fact_refunds r
          where r.order_id = o.order_id)::text as refunded_minor
      from ${biOrders} o
      where o.placed_at >= ${range.from.toISOString()} and o.placed_at < ${range.to.toISOString()}
        ${range.currency ? sql`and o.currency = ${range.currency}` : sql``}
        ${after ? sql`and (o.placed_at, o.order_id) > (${after.placedAt}::timestamptz, ${after.orderId})` : sql``}
      order by o.placed_at, o.order_id
      limit ${pageSize}`);
    for (const row of page.rows) yield row;
    const last = page.rows.at(-1);
    if (!last || page.rows.length < pageSize) return;
    after = { placedAt: last.placed_at_key, orderId: last.order_id };
  }
}
