import { done, type SagaStepDefinition } from '../saga-step.js';

export const commitStockStep: SagaStepDefinition = {
  name: 'commit_stock',
  forward: {
    /** The order is paid for: its held stock leaves inventory for good. A lapsed hold is a refusal. */
    async call(deps, ctx, saga) {
      const outcome = await deps.inventory.commit(ctx, saga.orderId);
      return outcome.kind === 'committed'
        ? done
        : { kind: 'refused', error: `inventory refused to commit: ${outcome.code}` };
    },
  },
  backward: {
    /**
     * Undo a commit that may or may not have happened: a hold still there is
     * released; committed stock stays sold (inventory refuses to release it;
     * putting it back is a return, not a checkout matter).
     */
    async call(deps, ctx, saga) {
      const outcome = await deps.inventory.release(ctx, saga.orderId, 'order_cancelled');
      if (outcome.kind === 'already_committed') {
        ctx.logger.info({ orderId: saga.orderId }, 'cancelled order keeps its committed stock');
      }
      return done;
    },
  },
};
