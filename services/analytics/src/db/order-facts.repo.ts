import { sql } from 'drizzle-orm';
import type { AnalyticsDb } from './database.js';
import { factOrderLines, factOrders } from './schema.js';

export type OrderFact = typeof factOrders.$inferInsert;
export type OrderLineFact = Omit<typeof factOrderLines.$inferInsert, 'orderId'>;

/**
 * Records an order and its lines in one transaction. A later event about the
 * same order updates its status; lines are written once, so a duplicated
 * event adds nothing.
 */
export async function recordOrder(db: AnalyticsDb, order: OrderFact, lines: OrderLineFact[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(factOrders)
      .values(order)
      .onConflictDoUpdate({ target: factOrders.orderId, set: { status: sql`excluded.status` } });
    if (lines.length > 0) {
      await tx
        .insert(factOrderLines)
        .values(lines.map((line) => ({ ...line, orderId: order.orderId })))
        .onConflictDoNothing();
    }
  });
}
