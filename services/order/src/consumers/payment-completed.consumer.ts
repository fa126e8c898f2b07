import type { paymentCompleted } from '@emporium/contracts/events/payment-events';
import type { EventHandler } from '@emporium/platform/events/event-runtime';
import { changeSaga, lockSaga } from '../db/checkout-sagas.repo.js';
import { stepToRefundFrom } from '../domain/checkout-saga.js';
import type { OrderDeps } from '../use-cases/deps.js';

/**
 * `payment.completed`: the money is in. Recorded on the saga in the
 * handler's transaction (with its inbox row: a redelivery changes nothing);
 * the calls that follow (commit the stock, or refund if the order is gone)
 * are the saga worker's, outside any transaction.
 */
export function onPaymentCompleted(deps: OrderDeps): EventHandler<typeof paymentCompleted> {
  return async (event, { tx, logger }) => {
    const { orderId, paymentId, amountMinor } = event.data;
    const saga = await lockSaga(tx, orderId);
    if (!saga) {
      logger.warn({ orderId, paymentId }, 'payment for an order this service never checked out');
      return;
    }
    if (saga.paymentId) {
      if (saga.paymentId !== paymentId) {
        logger.error(
          { orderId, paymentId, recorded: saga.paymentId },
          'second payment for one order; refund it by hand',
        );
      }
      return;
    }
    if (amountMinor !== saga.plan.totals.totalMinor) {
      logger.warn(
        { orderId, amountMinor, totalMinor: saga.plan.totals.totalMinor },
        'payment amount differs from the order total',
      );
    }
    const payment = { paymentId, paidMinor: amountMinor };
    if (saga.direction === 'forward' && saga.step === 'await_payment') {
      await changeSaga(tx, orderId, {
        ...payment,
        step: 'commit_stock',
        status: 'running',
        nextAttemptAt: new Date(),
        resetAttempts: true,
      });
    } else if (saga.direction === 'forward' && saga.status === 'running') {
      // The checkout request is still writing the order: it finds the payment and goes straight on.
      await changeSaga(tx, orderId, payment);
    } else {
      // The order is being undone, or was: the payment's compensation (the refund) must run.
      const leased =
        saga.status === 'running' && saga.nextAttemptAt !== null && saga.nextAttemptAt > new Date();
      await changeSaga(tx, orderId, {
        ...payment,
        direction: 'backward',
        step: stepToRefundFrom(saga),
        status: 'running',
        nextAttemptAt: leased ? saga.nextAttemptAt : new Date(),
        resetAttempts: true,
      });
      logger.info({ orderId, paymentId }, 'payment for a cancelled order will be refunded');
    }
    deps.sagaWakeup.wakeSoon();
  };
}
