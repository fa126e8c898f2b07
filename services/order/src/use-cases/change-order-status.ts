import type { RequestContext } from '@emporium/platform/http/request-context';
import { findOrderForUpdate } from '../db/orders.repo.js';
import { orderErrors } from '../domain/errors.js';
import type { OrderDetail } from '../domain/order.js';
import { actorOf, type Caller } from './caller.js';
import { cancelOrder } from './cancel-order.js';
import type { OrderDeps } from './deps.js';
import { getOrder } from './get-order.js';
import { applyStatusChange } from './steps/apply-status-change.js';

/** What staff may set by hand; `paid` and refunds come only from payments, so stock and money always agree. */
export const adminStatuses = ['fulfilled', 'completed', 'cancelled'] as const;
export type AdminStatus = (typeof adminStatuses)[number];

export interface StatusChangeInput {
  orderId: string;
  status: AdminStatus;
  reason?: string | undefined;
}

/**
 * Admin: moves an order on (fulfil, complete) or cancels it, through the
 * state machine, in one transaction holding the order's row lock (so two
 * concurrent changes cannot both start from the same status), with its
 * history row and `order.updated` / `order.completed` in the outbox.
 * Cancelling goes through `cancelOrder`, which also undoes the checkout.
 */
export async function changeOrderStatus(
  deps: OrderDeps,
  ctx: RequestContext,
  caller: Caller,
  input: StatusChangeInput,
): Promise<OrderDetail> {
  if (input.status === 'cancelled') return cancelOrder(deps, ctx, caller, input);
  const actor = actorOf(caller.principal);
  const from = await deps.db.transaction(async (tx) => {
    const order = await findOrderForUpdate(tx, input.orderId);
    if (!order) throw orderErrors.ORDER_NOT_FOUND(`no order with id ${input.orderId}`);
    await applyStatusChange(deps, tx, {
      order,
      to: input.status,
      actor,
      reason: input.reason ?? null,
      trace: ctx.trace,
    });
    return order.status;
  });
  ctx.logger.info({ orderId: input.orderId, from, to: input.status }, 'order status changed');
  return getOrder(deps, input.orderId);
}
