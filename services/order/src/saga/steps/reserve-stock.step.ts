import type { RequestContext } from '@emporium/platform/http/request-context';
import type { ReserveOutcome } from '../../clients/inventory.client.js';
import type { CheckoutSaga } from '../../domain/checkout-saga.js';
import type { OrderDeps } from '../../use-cases/deps.js';
import { done, type SagaStepDefinition } from '../saga-step.js';

/**
 * Hold every line's stock in inventory for the order id chosen before the
 * call (all or nothing; a repeat with the same id returns the same hold).
 * Run by the checkout request, which waits for the answer.
 */
export function reserveStockFor(
  deps: OrderDeps,
  ctx: RequestContext,
  saga: CheckoutSaga,
): Promise<ReserveOutcome> {
  return deps.inventory.reserve(ctx, {
    orderId: saga.orderId,
    lines: saga.plan.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    ttlSeconds: deps.settings.reservationTtlSeconds + deps.settings.reservationGraceSeconds,
  });
}

export const reserveStockStep: SagaStepDefinition = {
  name: 'reserve_stock',
  backward: {
    /** Give the held stock back. Nothing held, or already released: done all the same. */
    async call(deps, ctx, saga) {
      const reason = saga.cancelReason === 'payment_failed' ? 'payment_failed' : 'order_cancelled';
      const outcome = await deps.inventory.release(ctx, saga.orderId, reason);
      if (outcome.kind === 'already_committed') {
        ctx.logger.info({ orderId: saga.orderId }, 'stock was committed; it stays sold');
      }
      return done;
    },
  },
};
