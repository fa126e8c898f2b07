import { asc, eq } from 'drizzle-orm';
import type { PricedLine } from '../domain/order-totals.js';
import type { OrderExecutor } from './database.js';
import { orderLines } from './schema.js';

const columns = {
  sku: orderLines.sku,
  productId: orderLines.productId,
  title: orderLines.title,
  unitPriceMinor: orderLines.unitPriceMinor,
  quantity: orderLines.quantity,
  lineTotalMinor: orderLines.lineTotalMinor,
};

export async function insertLines(db: OrderExecutor, orderId: string, lines: PricedLine[]): Promise<void> {
  await db.insert(orderLines).values(lines.map((line) => ({ ...line, orderId })));
}

export async function linesOf(db: OrderExecutor, orderId: string): Promise<PricedLine[]> {
  return db
    .select(columns)
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.sku));
}
