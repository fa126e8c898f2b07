import { createEnvelope } from '@emporium/contracts/events/envelope';
import {
  paymentCompleted,
  paymentFailed,
  paymentInitiated,
  paymentRefunded,
} from '@emporium/contracts/events/payment-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { Context } from '@opentelemetry/api';
import type { PaymentTx } from '../db/database.js';
import type { LedgerSummary } from '../domain/ledger.js';
import type { Payment, Transaction } from '../domain/payment.js';
import type { PaymentDeps } from './deps.js';

const about = (payment: Payment) => ({
  paymentId: payment.id,
  orderId: payment.orderId,
  customerId: payment.customerId,
  amountMinor: payment.amountMinor,
  currency: payment.currency,
  provider: payment.provider,
});

/** `payment.initiated`, in the transaction that creates the payment. */
export async function announceInitiated(
  deps: PaymentDeps,
  tx: PaymentTx,
  trace: Context | undefined,
  payment: Payment,
): Promise<void> {
  await deps.events.enqueue(
    tx,
    createEnvelope(paymentInitiated, {
      subject: payment.orderId,
      data: { ...about(payment), initiatedAt: payment.createdAt.toISOString() },
      ...traceContextOf(trace),
    }),
  );
}

/**
 * The events the ledger rows just appended decide, written in the same
 * transaction as those rows: `payment.completed` when money is first
 * captured, `payment.failed` when a failure leaves the payment failed,
 * `payment.refunded` for each refund. Subject: the order id, so an order's
 * payment events reach consumers in order.
 */
export async function announceLedgerChange(
  deps: PaymentDeps,
  tx: PaymentTx,
  trace: Context | undefined,
  change: {
    payment: Payment;
    before: LedgerSummary;
    after: LedgerSummary;
    appended: Transaction[];
    refundReasons: ReadonlyMap<string, string | null>;
  },
): Promise<void> {
  const { payment, before, after, appended } = change;
  const enqueue = (envelope: Parameters<PaymentDeps['events']['enqueue']>[1]) =>
    deps.events.enqueue(tx, envelope);
  const subject = payment.orderId;
  const tracing = traceContextOf(trace);

  if (before.capturedMinor === 0 && after.capturedMinor > 0) {
    const capture = appended.find((row) => row.kind === 'capture');
    await enqueue(
      createEnvelope(paymentCompleted, {
        subject,
        data: {
          ...about(payment),
          providerReference: payment.providerReference ?? capture?.providerReference ?? '',
          completedAt: (capture?.createdAt ?? new Date()).toISOString(),
        },
        ...tracing,
      }),
    );
  }

  const failure = appended.find((row) => row.kind === 'failure');
  if (failure && after.status === 'failed' && before.status !== 'failed') {
    await enqueue(
      createEnvelope(paymentFailed, {
        subject,
        data: {
          ...about(payment),
          reasonCode: failure.reasonCode ?? 'payment_failed',
          reason: failure.reason ?? 'The payment failed.',
          failedAt: failure.createdAt.toISOString(),
        },
        ...tracing,
      }),
    );
  }

  let refundedSoFar = before.refundedMinor;
  for (const refund of appended.filter((row) => row.kind === 'refund')) {
    refundedSoFar += refund.amountMinor;
    await enqueue(
      createEnvelope(paymentRefunded, {
        subject,
        data: {
          ...about(payment),
          refundId: refund.id,
          refundedMinor: refund.amountMinor,
          fullRefund: refundedSoFar >= after.capturedMinor,
          reason: change.refundReasons.get(refund.id) ?? 'refunded at the provider',
          refundedAt: refund.createdAt.toISOString(),
        },
        ...tracing,
      }),
    );
  }
}
