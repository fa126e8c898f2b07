import type { paymentRefunded } from '@emporium/contracts/events/payment-events';
import type { EventHandler } from '@emporium/platform/events/event-runtime';
import { findOrderForUpdate } from '../db/orders.repo.js';
import type { OrderStatus } from '../domain/order-statuses.js';
import type { OrderDeps } from '../use-cases/deps.js';
import { applyStatusChange } from '../use-cases/steps/apply-status-change.js';

const refundable: ReadonlySet<OrderStatus> = new Set([
  'paid',
  'fulfilled',
  'completed',
  'partially_refunded',
]);

/**
 * `payment.refunded`: money went back for an order that stands (a refund
 * made in the payment service): it becomes `refunded` or
 * `partially_refunded`. The refund of a cancelled order changes nothing.
 */
export function onPaymentRefunded(deps: OrderDeps): EventHandler<typeof paymentRefunded> {
  return async (event, { tx, trace }) => {
    const { orderId, refundId, fullRefund, reason } = event.data;
    const order = await findOrderForUpdate(tx, orderId);
    if (!order || !refundable.has(order.status)) return;
    await applyStatusChange(deps, tx, {
      order,
      to: fullRefund ? 'refunded' : 'partially_refunded',
      actor: 'system:payment',
      reason: `refund ${refundId}: ${reason}`,
      trace,
    });
  };
}
