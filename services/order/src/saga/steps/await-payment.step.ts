import { done, type SagaStepDefinition } from '../saga-step.js';

/**
 * Forward: nothing to run; `payment.completed` moves the saga on, and the
 * expiry sweeper cancels the order once the payment deadline passes.
 */
export const awaitPaymentStep: SagaStepDefinition = {
  name: 'await_payment',
  backward: {
    /** Money was taken for an order that is being undone: give it back, once (keyed by the order). */
    async call(deps, ctx, saga) {
      if (!saga.paymentId) return done;
      const outcome = await deps.payment.refund(ctx, {
        paymentId: saga.paymentId,
        amountMinor: saga.paidMinor ?? saga.plan.totals.totalMinor,
        idempotencyKey: `${saga.orderId}:cancel`,
        reason: `order cancelled (${saga.cancelReason ?? 'unknown'})`,
      });
      return outcome.kind === 'refunded'
        ? done
        : { kind: 'refused', error: `refund of payment ${saga.paymentId} refused: ${outcome.code}` };
    },
  },
};
