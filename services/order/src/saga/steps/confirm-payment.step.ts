import { findOrderForUpdate } from '../../db/orders.repo.js';
import { applyStatusChange } from '../../use-cases/steps/apply-status-change.js';
import type { SagaStepDefinition } from '../saga-step.js';

export const confirmPaymentStep: SagaStepDefinition = {
  name: 'confirm_payment',
  forward: {
    /** Paid, and its stock committed just before: the order becomes `paid`, with `order.updated`. */
    async apply(deps, tx, ctx, saga) {
      const order = await findOrderForUpdate(tx, saga.orderId);
      if (!order) throw new Error(`order ${saga.orderId} of a running saga is missing`);
      if (order.status === 'paid') return;
      await applyStatusChange(deps, tx, {
        order,
        to: 'paid',
        actor: 'system:payment',
        reason: `payment ${saga.paymentId} captured`,
        trace: ctx.trace,
      });
    },
  },
  // Cancelling a paid order is begun by whoever cancels it (the order turns `cancelled` then).
  backward: {},
};
