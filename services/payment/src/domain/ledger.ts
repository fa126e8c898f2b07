import { paymentErrors } from './errors.js';
import type { PaymentStatus, TransactionKind } from './payment-enums.js';

export interface LedgerEntry {
  kind: TransactionKind;
  /** Integer minor units; 0 for failures and voids that move no money. */
  amountMinor: number;
  currency: string;
}

export interface LedgerSummary {
  status: PaymentStatus;
  authorizedMinor: number;
  capturedMinor: number;
  refundedMinor: number;
  /** Taken back by the card network (chargebacks). */
  disputedMinor: number;
  /** What a refund may still return: captured minus refunded minus disputed. */
  refundableMinor: number;
}

const total = (entries: readonly LedgerEntry[], kind: TransactionKind) =>
  entries.reduce((sum, entry) => (entry.kind === kind ? sum + entry.amountMinor : sum), 0);

/**
 * Derives a payment's status and totals from its ledger. It reads the rows as
 * a set, not a sequence, so webhooks that arrive out of order give the same
 * answer: a dispute beats everything (the money is gone whatever else
 * happened), money refunded beats captured, captured beats voided, voided beats
 * failed, failed beats authorised (a failed capture after an authorisation
 * leaves the payment failed), and a payment with no rows is pending.
 */
export function summarizeLedger(entries: readonly LedgerEntry[]): LedgerSummary {
  const authorizedMinor = total(entries, 'authorization');
  const capturedMinor = total(entries, 'capture');
  const refundedMinor = total(entries, 'refund');
  const disputedMinor = total(entries, 'dispute');
  const has = (kind: TransactionKind) => entries.some((entry) => entry.kind === kind);
  let status: PaymentStatus = 'pending';
  if (disputedMinor > 0) status = 'disputed';
  else if (refundedMinor > 0) status = refundedMinor >= capturedMinor ? 'refunded' : 'partially_refunded';
  else if (capturedMinor > 0) status = 'captured';
  else if (has('void')) status = 'voided';
  else if (has('failure')) status = 'failed';
  else if (authorizedMinor > 0) status = 'authorized';
  return {
    status,
    authorizedMinor,
    capturedMinor,
    refundedMinor,
    disputedMinor,
    refundableMinor: Math.max(0, capturedMinor - refundedMinor - disputedMinor),
  };
}

/**
 * Refuses a ledger row that would break the books: refunds (or disputes)
 * beyond what was captured, authorisations or captures beyond the payment amount, a void
 * after money was taken, a row in another currency. Every write of the ledger
 * goes through this check, under the payment's row lock.
 */
export function assertCanAppend(
  payment: { amountMinor: number; currency: string },
  entries: readonly LedgerEntry[],
  entry: LedgerEntry,
): void {
  if (!Number.isSafeInteger(entry.amountMinor) || entry.amountMinor < 0) {
    throw new RangeError(
      `a ledger amount must be a non-negative integer of minor units, got ${entry.amountMinor}`,
    );
  }
  if (entry.currency !== payment.currency) {
    throw paymentErrors.CURRENCY_MISMATCH(
      `payment is in ${payment.currency}, transaction in ${entry.currency}`,
    );
  }
  const summary = summarizeLedger(entries);
  switch (entry.kind) {
    case 'dispute':
    case 'refund':
      if (entry.amountMinor > summary.refundableMinor) {
        throw paymentErrors.REFUND_EXCEEDS_CAPTURED(
          `${entry.kind} of ${entry.amountMinor} exceeds the ${summary.refundableMinor} still refundable`,
          { refundableMinor: summary.refundableMinor },
        );
      }
      return;
    case 'capture':
    case 'authorization': {
      const sofar = entry.kind === 'capture' ? summary.capturedMinor : summary.authorizedMinor;
      if (sofar + entry.amountMinor > payment.amountMinor) {
        throw paymentErrors.AMOUNT_EXCEEDS_PAYMENT(
          `${entry.kind} of ${entry.amountMinor} would bring the total to ${sofar + entry.amountMinor} of ${payment.amountMinor}`,
        );
      }
      return;
    }
    case 'void':
      if (summary.capturedMinor > 0) throw paymentErrors.VOID_AFTER_CAPTURE();
      return;
    case 'failure':
      return;
    default: {
      const unknownKind: never = entry.kind;
      throw new RangeError(`unknown ledger kind ${String(unknownKind)}`);
    }
  }
}
