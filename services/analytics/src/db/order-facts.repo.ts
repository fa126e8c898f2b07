import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import { factOrderLines, factOrders } from './schema.js';

/** What one order event tells about its order; anything it does not carry is null. */
export interface OrderFactPatch {
  orderId: string;
  number: string | null;
  customerId: string | null;
  customerKey: string;
  currency: string | null;
  totalMinor: number | null;
  itemsCount: number | null;
  status: string;
  statusAt: Date;
  placedAt: Date | null;
  paidAt: Date | null;
  cancelledAt: Date | null;
  completedAt: Date | null;
}

const ts = (value: Date | null) => (value === null ? null : value.toISOString());

/**
 * Merges an order event into its row, whatever order events arrive in:
 * known facts are kept (the first placed time, amounts), milestone times
 * keep their earliest value, and the status is the latest event's by its
 * own timestamp. Applying the same event twice changes nothing.
 */
export async function mergeOrder(tx: SqlExecutor, patch: OrderFactPatch): Promise<void> {
  await tx.execute(sql`
    insert into ${factOrders} as o (order_id, number, customer_id, customer_key, currency, total_minor,
      items_count, status, status_at, placed_at, paid_at, cancelled_at, completed_at)
    values (${patch.orderId}, ${patch.number}, ${patch.customerId}, ${patch.customerKey}, ${patch.currency},
      ${patch.totalMinor}, ${patch.itemsCount}, ${patch.status}, ${ts(patch.statusAt)}, ${ts(patch.placedAt)},
      ${ts(patch.paidAt)}, ${ts(patch.cancelledAt)}, ${ts(patch.completedAt)})
    on conflict (order_id) do update set
      number = coalesce(o.number, excluded.number),
      customer_id = coalesce(o.customer_id, excluded.customer_id),
      currency = coalesce(o.currency, excluded.currency),
      total_minor = coalesce(o.total_minor, excluded.total_minor),
      items_count = coalesce(o.items_count, excluded.items_count),
      status = case when excluded.status_at >= o.status_at then excluded.status else o.status end,
      status_at = greatest(o.status_at, excluded.status_at),
      placed_at = least(o.placed_at, excluded.placed_at),
      paid_at = least(o.paid_at, excluded.paid_at),
      cancelled_at = least(o.cancelled_at, excluded.cancelled_at),
      completed_at = least(o.completed_at, excluded.completed_at)`);
}

export interface OrderLineFact {
  sku: string;
  productId: string;
  title: string;
  quantity: number;
  unitPriceMinor: number;
}

/** Writes an order's lines once (the first event carrying them wins); one row per SKU. */
export async function recordOrderLines(
  tx: SqlExecutor,
  orderId: string,
  lines: OrderLineFact[],
): Promise<void> {
  const bySku = new Map<string, OrderLineFact>();
  for (const line of lines) {
    const seen = bySku.get(line.sku);
    bySku.set(line.sku, seen ? { ...seen, quantity: seen.quantity + line.quantity } : line);
  }
  if (bySku.size === 0) return;
  await tx
    .insert(factOrderLines)
    .values(
      [...bySku.values()].map((line) => ({
        orderId,
        sku: line.sku,
        productId: line.productId,
        title: line.title,
        categorySlug: null,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        revenueMinor: line.quantity * line.unitPriceMinor,
      })),
    )
    .onConflictDoNothing();
}
