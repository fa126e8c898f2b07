import { sql } from 'drizzle-orm';
import type { FunnelStep } from '../domain/funnel.js';
import type { ReportRange } from '../domain/report-range.js';
import { biOrders } from './bi-views.js';
import type { AnalyticsDb } from './database.js';
import { factBehaviour } from './schema.js';

const iso = (at: Date) => at.toISOString();

/**
 * Distinct visitors at each step in the range: viewed a product, added to a
 * cart, placed an order (checkout), had an order paid. Storefront visitors
 * are keyed as their orders' customers are (the user id when signed in).
 */
export async function funnelCounts(db: AnalyticsDb, range: ReportRange): Promise<Record<FunnelStep, number>> {
  const behaviour = (kind: string) => sql`
    select count(distinct visitor_key)::int from ${factBehaviour}
    where kind = ${kind} and at >= ${iso(range.from)} and at < ${iso(range.to)}`;
  const orders = (paidOnly: boolean) => sql`
    select count(distinct customer_key)::int from ${biOrders}
    where (paid or not ${paidOnly}) and placed_at >= ${iso(range.from)} and placed_at < ${iso(range.to)}`;
  const result = await db.execute<Record<FunnelStep, number>>(sql`
    select (${behaviour('view')}) as view, (${behaviour('add_to_cart')}) as cart,
      (${orders(false)}) as checkout, (${orders(true)}) as paid`);
  const row = result.rows[0]!;
  return {
    view: Number(row.view),
    cart: Number(row.cart),
    checkout: Number(row.checkout),
    paid: Number(row.paid),
  };
}
