import { asc, eq } from 'drizzle-orm';
import type { StatusChange } from '../domain/order.js';
import type { OrderExecutor } from './database.js';
import { orderStatusHistory } from './schema.js';

const columns = {
  fromStatus: orderStatusHistory.fromStatus,
  toStatus: orderStatusHistory.toStatus,
  actor: orderStatusHistory.actor,
  reason: orderStatusHistory.reason,
  at: orderStatusHistory.at,
};

/** Called in the transaction that changes the order's status, never on its own. */
export async function appendStatusChange(
  tx: OrderExecutor,
  orderId: string,
  change: Omit<StatusChange, 'at'>,
): Promise<void> {
  await tx.insert(orderStatusHistory).values({ orderId, ...change });
}

/** Oldest first: the identity column keeps the order of changes made within one millisecond. */
export async function historyOf(db: OrderExecutor, orderId: string): Promise<StatusChange[]> {
  return db
    .select(columns)
    .from(orderStatusHistory)
    .where(eq(orderStatusHistory.orderId, orderId))
    .orderBy(asc(orderStatusHistory.id));
}
