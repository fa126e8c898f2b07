import {
  paymentCompleted,
  paymentFailed,
  paymentInitiated,
  paymentRefunded,
} from '@emporium/contracts/events/payment-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { mergePayment, recordRefund } from '../db/payment-facts.repo.js';

const none = { initiatedAt: null, completedAt: null, failedAt: null, failureCode: null };

/**
 * Payment events into `fact_payments` (merged by payment id) and refunds
 * into `fact_refunds` (once per refund id). A payment may arrive before its
 * order: reports join them by order id whenever both are there.
 */
export function subscribePaymentEvents(events: EventRuntime): void {
  events.subscribe([paymentInitiated, paymentCompleted, paymentFailed], async (event, { tx }) => {
    const d = event.data;
    const base = {
      ...none,
      paymentId: d.paymentId,
      orderId: d.orderId,
      customerId: d.customerId,
      provider: d.provider,
      currency: d.currency,
      amountMinor: d.amountMinor,
    };
    if ('completedAt' in d) await mergePayment(tx, { ...base, completedAt: new Date(d.completedAt) });
    else if ('failedAt' in d)
      await mergePayment(tx, { ...base, failedAt: new Date(d.failedAt), failureCode: d.reasonCode });
    else await mergePayment(tx, { ...base, initiatedAt: new Date(d.initiatedAt) });
  });

  events.subscribe(paymentRefunded, async (event, { tx }) => {
    const d = event.data;
    await recordRefund(tx, {
      refundId: d.refundId,
      paymentId: d.paymentId,
      orderId: d.orderId,
      currency: d.currency,
      amountMinor: d.refundedMinor,
      fullRefund: d.fullRefund,
      reason: d.reason,
      refundedAt: new Date(d.refundedAt),
    });
  });
}
