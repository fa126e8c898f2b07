import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { purchases } from './schema.js';

export interface Purchase {
  customerId: string;
  productId: string;
  orderId: string;
  completedAt: Date;
}

/** Records who bought what; the first completed order of a product is kept, repeats change nothing. */
export async function recordPurchases(tx: SqlExecutor, rows: Purchase[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(purchases).values(rows).onConflictDoNothing();
}
