import { hasPermission } from '@emporium/platform/auth/principal';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { lockSaga } from '../db/checkout-sagas.repo.js';
import { findOrderForUpdate } from '../db/orders.repo.js';
import { orderErrors } from '../domain/errors.js';
import type { OrderDetail } from '../domain/order.js';
import { assertTransition } from '../domain/order-status.js';
import { beginCompensation } from '../saga/begin-compensation.js';
import { actorOf, type Caller } from './caller.js';
import type { OrderDeps } from './deps.js';
import { getOrder } from './get-order.js';
import { assertCanReachOrder } from './order-access.js';
import { applyStatusChange } from './steps/apply-status-change.js';

/**
 * Cancels an order `pending_payment` or `paid` (the state machine allows
 * nothing else): by its owner, or by staff with `orders:write:any`. The
 * order turns `cancelled` at once with `order.cancelled`; the saga worker
 * then releases its stock and, if it was paid, refunds it.
 */
export async function cancelOrder(
  deps: OrderDeps,
  ctx: RequestContext,
  caller: Caller,
  input: { orderId: string; reason?: string | undefined },
): Promise<OrderDetail> {
  await assertCanReachOrder(deps, caller, input.orderId, 'orders:write:any');
  const byStaff = hasPermission(caller.principal, 'orders:write:any');
  const actor = actorOf(caller.principal);
  await deps.db.transaction(async (tx) => {
    // Saga first, then order: the lock order every writer keeps.
    const saga = await lockSaga(tx, input.orderId);
    const order = await findOrderForUpdate(tx, input.orderId);
    if (!order) throw orderErrors.ORDER_NOT_FOUND(`no order with id ${input.orderId}`);
    assertTransition(order.status, 'cancelled');
    const cause = {
      reason: byStaff ? ('admin' as const) : ('customer_request' as const),
      actor,
      detail: input.reason ?? (byStaff ? 'cancelled by staff' : 'cancelled by the customer'),
      trace: ctx.trace,
    };
    if (saga) {
      await beginCompensation(deps, tx, saga, cause);
    } else {
      // An order with no checkout saga (imported, or older than sagas): only its status changes.
      await applyStatusChange(deps, tx, {
        order,
        to: 'cancelled',
        actor,
        reason: cause.detail,
        cancellation: { reason: cause.reason, refundRequired: false },
        trace: ctx.trace,
      });
    }
  });
  deps.sagaWakeup.wake();
  ctx.logger.info({ orderId: input.orderId, actor }, 'order cancelled');
  return getOrder(deps, input.orderId);
}
