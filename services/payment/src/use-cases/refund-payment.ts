import type { Principal } from '@emporium/platform/auth/principal';
import type { RequestContext } from '@emporium/platform/http/request-context';
import type { Context } from '@opentelemetry/api';
import { findPayment, findPaymentForUpdate } from '../db/payments.repo.js';
import {
  findRefund,
  findRefundByIdempotencyKey,
  insertRefund,
  pendingRefundTotal,
  settleRefund,
} from '../db/refunds.repo.js';
import { findTransactionByReference, transactionsOf } from '../db/transactions.repo.js';
import { paymentErrors } from '../domain/errors.js';
import { requestFingerprint, scopedKey, uniqueViolationOf } from '../domain/idempotency.js';
import { summarizeLedger } from '../domain/ledger.js';
import type { Payment, Refund } from '../domain/payment.js';
import type { ProviderName } from '../domain/payment-enums.js';
import { ProviderRejectedError, type RefundOutcome } from '../providers/payment-provider.js';
import { applyProviderFacts } from './apply-provider-facts.js';
import type { PaymentDeps } from './deps.js';
import { providerProblem } from './provider-errors.js';

export interface RefundPaymentInput {
  principal: Principal;
  paymentId: string;
  idempotencyKey: string;
  amountMinor: number;
  reason?: string | undefined;
}

/**
 * Returns money, in full or in part, never more than was captured in total:
 * under the payment's lock the refund is checked against the ledger and the
 * refunds still pending, then recorded `pending` so a concurrent refund sees
 * it. The provider is called outside any transaction; its answer settles the
 * refund and puts it on the ledger with `payment.refunded`. The same
 * `Idempotency-Key` returns the same refund (finishing one whose provider
 * call was cut short); with another body it is refused.
 */
export async function refundPayment(
  deps: PaymentDeps,
  ctx: RequestContext,
  input: RefundPaymentInput,
): Promise<{ refund: Refund; replayed: boolean }> {
  const key = scopedKey(input.principal.subject, input.idempotencyKey);
  const fingerprint = requestFingerprint([input.paymentId, input.amountMinor, input.reason ?? null]);
  const payment = await findPayment(deps.db, input.paymentId);
  if (!payment) throw paymentErrors.PAYMENT_NOT_FOUND(`no payment with id ${input.paymentId}`);

  const replay = async () => {
    const earlier = await findRefundByIdempotencyKey(deps.db, key);
    if (!earlier) return undefined;
    if (earlier.requestFingerprint !== fingerprint) {
      throw paymentErrors.IDEMPOTENCY_KEY_REUSED('the key was first used for another refund request');
    }
    const refund =
      earlier.refund.status === 'pending' && !earlier.refund.providerReference
        ? await refundAtProvider(deps, ctx.trace, payment, earlier.refund)
        : earlier.refund;
    return { refund, replayed: true };
  };

  const replayed = await replay();
  if (replayed) return replayed;
  let refund: Refund;
  try {
    refund = await deps.db.transaction(async (tx) => {
      const locked = (await findPaymentForUpdate(tx, payment.id))!;
      const summary = summarizeLedger(await transactionsOf(tx, payment.id));
      const refundableMinor = summary.refundableMinor - (await pendingRefundTotal(tx, payment.id));
      if (input.amountMinor > refundableMinor) {
        throw paymentErrors.REFUND_EXCEEDS_CAPTURED(
          `refund of ${input.amountMinor} exceeds the ${Math.max(0, refundableMinor)} still refundable`,
          { refundableMinor: Math.max(0, refundableMinor) },
        );
      }
      return insertRefund(tx, {
        paymentId: locked.id,
        amountMinor: input.amountMinor,
        currency: locked.currency,
        reason: input.reason ?? null,
        idempotencyKey: key,
        requestFingerprint: fingerprint,
      });
    });
  } catch (error) {
    if (uniqueViolationOf(error) === 'refunds_idempotency_key_key') return (await replay())!;
    throw error;
  }
  ctx.logger.info(
    { paymentId: payment.id, refundId: refund.id, amountMinor: refund.amountMinor },
    'refund accepted',
  );
  return { refund: await refundAtProvider(deps, ctx.trace, payment, refund), replayed: false };
}

/** Asks the provider, then settles the refund and records what the provider confirmed. */
async function refundAtProvider(
  deps: PaymentDeps,
  trace: Context | undefined,
  payment: Payment,
  refund: Refund,
): Promise<Refund> {
  const provider = deps.providers.get(payment.provider as ProviderName);
  if (!provider)
    throw paymentErrors.PROVIDER_NOT_AVAILABLE(`"${payment.provider}" is not configured on this shop`);
  const ledger = await transactionsOf(deps.db, payment.id);
  const capture = ledger.find((row) => row.kind === 'capture');
  let outcome: RefundOutcome;
  try {
    outcome = await provider.refund({
      paymentId: payment.id,
      refundId: refund.id,
      reference: payment.providerReference ?? '',
      captureReference: capture?.providerReference ?? null,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      idempotencyKey: `refund-${refund.id}`,
    });
  } catch (error) {
    if (error instanceof ProviderRejectedError) {
      await deps.db.transaction((tx) =>
        settleRefund(tx, refund.id, { status: 'failed', failureCode: error.providerCode }),
      );
      deps.metrics.refunds.inc({ provider: provider.name, outcome: 'rejected' });
    }
    throw providerProblem(error);
  }
  await deps.db.transaction(async (tx) => {
    await settleRefund(tx, refund.id, {
      status: outcome.status === 'failed' ? 'failed' : 'pending',
      providerReference: outcome.reference,
      failureCode: outcome.failureCode ?? null,
    });
    await applyProviderFacts(deps, tx, trace, payment.id, outcome.facts);
    // The provider's webhook may have put this refund on the ledger before its answer reached us.
    const recorded = await findTransactionByReference(tx, payment.id, outcome.reference);
    if (recorded?.kind === 'refund' && outcome.status !== 'failed') {
      await settleRefund(tx, refund.id, { status: 'succeeded', transactionId: recorded.id });
    }
  });
  deps.metrics.refunds.inc({ provider: provider.name, outcome: outcome.status });
  return (await findRefund(deps.db, refund.id))!;
}
