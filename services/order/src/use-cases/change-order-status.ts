import type { RequestContext } from '@emporium/platform/http/request-context';
import { appendStatusChange } from '../db/order-history.repo.js';
import { findOrderForUpdate, updateOrderStatus } from '../db/orders.repo.js';
import { orderErrors } from '../domain/errors.js';
import type { OrderDetail } from '../domain/order.js';
import { assertTransition } from '../domain/order-status.js';
import type { OrderStatus } from '../domain/order-statuses.js';
import type { OrderDeps } from './deps.js';
import { getOrder } from './get-order.js';

export interface StatusChangeInput {
  orderId: string;
  status: OrderStatus;
  reason?: string | undefined;
  actor: string;
}

/**
 * Moves an order to a new status through the state machine, with its history
 * row, in one transaction holding the order's row lock, so two concurrent
 * changes cannot both start from the same status. The checkout issue adds the
 * `order.updated` / `order.cancelled` / `order.completed` outbox row here.
 */
export async function changeOrderStatus(
  deps: OrderDeps,
  ctx: RequestContext,
  input: StatusChangeInput,
): Promise<OrderDetail> {
  const from = await deps.db.transaction(async (tx) => {
    const order = await findOrderForUpdate(tx, input.orderId);
    if (!order) throw orderErrors.ORDER_NOT_FOUND(`no order with id ${input.orderId}`);
    assertTransition(order.status, input.status);
    await updateOrderStatus(tx, order.id, input.status);
    await appendStatusChange(tx, order.id, {
      fromStatus: order.status,
      toStatus: input.status,
      actor: input.actor,
      reason: input.reason ?? null,
    });
    return order.status;
  });
  deps.metrics.statusChanges.inc({ from, to: input.status });
  ctx.logger.info({ orderId: input.orderId, from, to: input.status }, 'order status changed');
  return getOrder(deps, input.orderId);
}
