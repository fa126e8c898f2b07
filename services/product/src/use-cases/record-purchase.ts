import type { PayloadOf } from '@emporium/contracts/events/define-event';
import type { orderCompleted } from '@emporium/contracts/events/order-events';
import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import type { Logger } from '@emporium/platform/log/logger';
import { recordPurchases } from '../db/purchases.repo.js';
import { markVerified } from '../db/reviews.repo.js';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A completed order makes its customer a buyer of each product in it: the
 * purchase is recorded (a later review is born verified) and the reviews the
 * customer already wrote of those products become verified. Runs in the
 * consumer's transaction, with the inbox row: exactly once per event.
 */
export async function recordPurchase(
  tx: SqlExecutor,
  logger: Logger,
  order: PayloadOf<typeof orderCompleted>,
): Promise<void> {
  if (!order.customerId) return; // a guest checkout has no account to write reviews with
  const productIds = [...new Set(order.lines.map((line) => line.productId.toLowerCase()))].filter((id) =>
    uuidShape.test(id),
  );
  await recordPurchases(
    tx,
    productIds.map((productId) => ({
      customerId: order.customerId!,
      productId,
      orderId: order.orderId,
      completedAt: new Date(order.completedAt),
    })),
  );
  await markVerified(tx, order.customerId, productIds);
  logger.info({ orderId: order.orderId, products: productIds.length }, 'purchase recorded');
}
