import type { RequestContext } from '@emporium/platform/http/request-context';
import { changeSaga } from '../db/checkout-sagas.repo.js';
import type { OrderExecutor } from '../db/database.js';
import { findOrderForUpdate } from '../db/orders.repo.js';
import type { CancelReason, CheckoutSaga } from '../domain/checkout-saga.js';
import type { OrderDeps } from '../use-cases/deps.js';
import { applyStatusChange } from '../use-cases/steps/apply-status-change.js';

export interface CompensationCause {
  reason: CancelReason;
  /** Who decided: `customer:<id>`, `admin:<id>`, `system:payment`, `system:expiry`, ... */
  actor: string;
  /** The history row's why. */
  detail: string;
  trace: RequestContext['trace'];
  /** The caller is the one holding the saga's lease (the checkout request itself): undo at once. */
  leaseHeldByCaller?: boolean;
}

/**
 * Turns a saga around, in the caller's transaction with the saga row locked
 * (lock order everywhere: saga, then order). The order, if there is one, is
 * cancelled at once with `order.cancelled` (the customer sees it now); the
 * worker then runs the compensations from the current step back to the
 * first. A worker holding a lease on this saga keeps it until it notices the
 * change, so a compensation never overtakes a call still in flight.
 */
export async function beginCompensation(
  deps: OrderDeps,
  tx: OrderExecutor,
  saga: CheckoutSaga,
  cause: CompensationCause,
): Promise<void> {
  const order = await findOrderForUpdate(tx, saga.orderId);
  if (order && order.status !== 'cancelled') {
    await applyStatusChange(deps, tx, {
      order,
      to: 'cancelled',
      actor: cause.actor,
      reason: cause.detail,
      cancellation: { reason: cause.reason, refundRequired: saga.paymentId !== null },
      trace: cause.trace,
    });
  }
  const now = new Date();
  const leased =
    !cause.leaseHeldByCaller &&
    saga.status === 'running' &&
    saga.nextAttemptAt !== null &&
    saga.nextAttemptAt > now;
  await changeSaga(tx, saga.orderId, {
    direction: 'backward',
    status: 'running',
    cancelReason: cause.reason,
    nextAttemptAt: leased ? saga.nextAttemptAt : now,
    resetAttempts: true,
  });
}
