import { findOrderForUpdate } from '../../db/orders.repo.js';
import { applyStatusChange } from '../../use-cases/steps/apply-status-change.js';
import type { SagaStepDefinition } from '../saga-step.js';

/**
 * Forward (the checkout request): the order is written `pending_payment`
 * with `order.created`, in the transaction that moves the saga to
 * `await_payment` (see `use-cases/place-order.ts`).
 */
export const placeOrderStep: SagaStepDefinition = {
  name: 'place_order',
  backward: {
    /**
     * The order is cancelled, usually already by whoever started the undoing
     * (in the same transaction); this catches the rest. No order: nothing to do.
     */
    async apply(deps, tx, ctx, saga) {
      const order = await findOrderForUpdate(tx, saga.orderId);
      if (!order || order.status === 'cancelled') return;
      await applyStatusChange(deps, tx, {
        order,
        to: 'cancelled',
        actor: 'system:checkout',
        reason: 'checkout undone',
        cancellation: { reason: saga.cancelReason ?? 'admin', refundRequired: saga.paymentId !== null },
        trace: ctx.trace,
      });
    },
  },
};
