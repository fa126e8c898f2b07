import { AppError } from '@emporium/platform/http/errors';
import type { Context } from '@opentelemetry/api';
import type { PaymentTx } from '../db/database.js';
import { findPaymentForUpdate, updatePaymentStatus } from '../db/payments.repo.js';
import { pendingRefundTotal, settleRefundByReference } from '../db/refunds.repo.js';
import { appendTransaction, type NewTransaction, transactionsOf } from '../db/transactions.repo.js';
import { deferredWebhooks, markWebhookEvent } from '../db/webhook-events.repo.js';
import { paymentErrors } from '../domain/errors.js';
import { assertCanAppend, summarizeLedger } from '../domain/ledger.js';
import type { Transaction } from '../domain/payment.js';
import type { WebhookStatus } from '../domain/payment-enums.js';
import type { ProviderFact } from '../providers/payment-provider.js';
import { announceLedgerChange } from './announce-payment.js';
import type { PaymentDeps } from './deps.js';

export interface FactsOutcome {
  appended: Transaction[];
  /** Facts that need an earlier one first (a refund before its capture): kept and tried again. */
  deferred: ProviderFact[];
  /** Facts that contradict the payment (another currency, more than its amount): kept for a human. */
  rejected: Array<{ fact: ProviderFact; problem: string }>;
}

/** Ordering problems wait for the missing fact; anything else contradicts the books. */
const waitsForEarlierFact = (error: AppError) => error.code === 'REFUND_EXCEEDS_CAPTURED';

export const webhookStatusOf = (outcome: FactsOutcome, factCount: number): WebhookStatus => {
  if (factCount === 0) return 'ignored';
  if (outcome.deferred.length > 0) return 'deferred';
  if (outcome.rejected.length > 0) return 'rejected';
  return 'applied';
};

/**
 * The one writer of the ledger. Under the payment's row lock it records
 * each fact a provider reported that the ledger does not hold yet (facts
 * are named, so one reported twice, or by the API answer and then the
 * webhook, is recorded once), checks each against the books, stores the
 * status the whole ledger now derives, and writes the `payment.*` events
 * those rows decide, all in the caller's transaction. The ledger reads as a
 * set, so facts arriving in any order end in the same state; a fact that
 * needs an earlier one waits (`deferred`) and is retried whenever the
 * payment's ledger grows.
 */
export async function applyProviderFacts(
  deps: PaymentDeps,
  tx: PaymentTx,
  trace: Context | undefined,
  paymentId: string,
  facts: readonly ProviderFact[],
  options: { retryDeferred?: boolean } = {},
): Promise<FactsOutcome> {
  const payment = await findPaymentForUpdate(tx, paymentId);
  if (!payment) throw paymentErrors.PAYMENT_NOT_FOUND(`no payment with id ${paymentId}`);
  const ledger = await transactionsOf(tx, paymentId);
  const before = summarizeLedger(ledger);
  const outcome: FactsOutcome = { appended: [], deferred: [], rejected: [] };
  const refundReasons = new Map<string, string | null>();

  for (const fact of facts) {
    const entry = await entryOf(tx, paymentId, ledger, fact);
    if (!entry || ledger.some((row) => row.providerEventId === entry.providerEventId)) continue;
    try {
      assertCanAppend(payment, ledger, entry);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (waitsForEarlierFact(error)) outcome.deferred.push(fact);
      else outcome.rejected.push({ fact, problem: `${error.code}: ${error.message}` });
      continue;
    }
    const row = await appendTransaction(tx, paymentId, entry);
    if (!row) {
      outcome.rejected.push({ fact, problem: 'the fact is recorded on another payment' });
      continue;
    }
    ledger.push(row);
    outcome.appended.push(row);
    deps.metrics.ledgerEntries.inc({ kind: row.kind });
    if (row.kind === 'refund' && row.providerReference) {
      const settled = await settleRefundByReference(tx, paymentId, row.providerReference, row.id);
      refundReasons.set(row.id, settled?.reason ?? null);
    }
  }

  if (outcome.appended.length > 0) {
    const after = summarizeLedger(ledger);
    if (after.status !== payment.status) await updatePaymentStatus(tx, paymentId, after.status);
    await announceLedgerChange(deps, tx, trace, {
      payment: { ...payment, status: after.status },
      before,
      after,
      appended: outcome.appended,
      refundReasons,
    });
    if (options.retryDeferred !== false) await retryDeferred(deps, tx, trace, paymentId);
  }
  for (const { fact, problem } of outcome.rejected) {
    deps.logger.error({ paymentId, factId: fact.factId, kind: fact.kind, problem }, 'provider fact rejected');
  }
  return outcome;
}

/** Turns a fact into a ledger row; a running refund total becomes the part the ledger lacks. */
async function entryOf(
  tx: PaymentTx,
  paymentId: string,
  ledger: readonly Transaction[],
  fact: ProviderFact,
): Promise<NewTransaction | undefined> {
  if (fact.kind === 'refunded_total') {
    // Refunds asked for here and not yet confirmed are inside the provider's total already.
    const known = summarizeLedger(ledger).refundedMinor + (await pendingRefundTotal(tx, paymentId));
    const missing = fact.totalMinor - known;
    if (missing <= 0) return undefined;
    return {
      kind: 'refund',
      amountMinor: missing,
      currency: fact.currency,
      providerReference: fact.reference,
      providerEventId: fact.factId,
      reasonCode: null,
      reason: null,
    };
  }
  return {
    kind: fact.kind,
    amountMinor: fact.amountMinor,
    currency: fact.currency,
    providerReference: fact.reference,
    providerEventId: fact.factId,
    reasonCode: fact.reasonCode ?? null,
    reason: fact.reason ?? null,
  };
}

/** Each deferred webhook of the payment gets another go, until a round appends nothing. */
async function retryDeferred(
  deps: PaymentDeps,
  tx: PaymentTx,
  trace: Context | undefined,
  paymentId: string,
) {
  for (let progress = true; progress; ) {
    progress = false;
    for (const webhook of await deferredWebhooks(tx, paymentId)) {
      const outcome = await applyProviderFacts(deps, tx, trace, paymentId, webhook.facts, {
        retryDeferred: false,
      });
      const status = webhookStatusOf(outcome, webhook.facts.length);
      if (status !== 'deferred') {
        await markWebhookEvent(tx, webhook, { status, paymentId });
      }
      if (outcome.appended.length > 0) progress = true;
    }
  }
}
