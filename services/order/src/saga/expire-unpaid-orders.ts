import { startInboundSpan } from '@emporium/platform/tracing/tracing';
import { lockSaga, overdueSagas } from '../db/checkout-sagas.repo.js';
import type { OrderDeps } from '../use-cases/deps.js';
import { beginCompensation } from './begin-compensation.js';

/**
 * The expiry sweeper: orders still `pending_payment` when their payment
 * deadline (placed + reservation TTL) passes are cancelled, each in its own
 * transaction with `order.cancelled`, and their sagas turned around so the
 * worker releases the stock. A payment that arrives later is refunded.
 */
export async function expireUnpaidOrders(deps: OrderDeps, limit = 50): Promise<number> {
  const due = await overdueSagas(deps.db, limit);
  let expired = 0;
  for (const orderId of due) {
    const { span, ctx: trace } = startInboundSpan('order', 'expire unpaid order', {});
    try {
      const changed = await deps.db.transaction(async (tx) => {
        const saga = await lockSaga(tx, orderId);
        // Checked again under the lock: a payment may have arrived since the query.
        const stillWaiting =
          saga?.status === 'waiting' && saga.step === 'await_payment' && saga.nextAttemptAt !== null;
        if (!saga || !stillWaiting || saga.nextAttemptAt! > new Date()) return false;
        await beginCompensation(deps, tx, saga, {
          reason: 'reservation_expired',
          actor: 'system:expiry',
          detail: 'not paid before the reservation expired',
          trace,
        });
        return true;
      });
      if (changed) {
        expired += 1;
        deps.logger.info({ orderId }, 'unpaid order expired');
      }
    } finally {
      span.end();
    }
  }
  return expired;
}
