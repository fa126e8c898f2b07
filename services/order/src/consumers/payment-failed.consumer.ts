import type { paymentFailed } from '@emporium/contracts/events/payment-events';
import type { EventHandler } from '@emporium/platform/events/event-runtime';
import { lockSaga } from '../db/checkout-sagas.repo.js';
import { beginCompensation } from '../saga/begin-compensation.js';
import type { OrderDeps } from '../use-cases/deps.js';

/**
 * `payment.failed`: the order waiting for this payment is cancelled (in the
 * handler's transaction, with `order.cancelled`) and the saga worker
 * releases its stock. A failure after a success (a retried attempt) changes nothing.
 */
export function onPaymentFailed(deps: OrderDeps): EventHandler<typeof paymentFailed> {
  return async (event, { tx, logger, trace }) => {
    const { orderId, reasonCode } = event.data;
    const saga = await lockSaga(tx, orderId);
    if (!saga || saga.paymentId) return;
    if (saga.direction !== 'forward' || saga.step !== 'await_payment') {
      logger.info(
        { orderId, step: saga.step, direction: saga.direction },
        'payment failure for an order not awaiting payment',
      );
      return;
    }
    await beginCompensation(deps, tx, saga, {
      reason: 'payment_failed',
      actor: 'system:payment',
      detail: `payment failed: ${reasonCode}`,
      trace,
    });
    deps.sagaWakeup.wakeSoon();
  };
}
