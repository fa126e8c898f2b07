import { findPaymentForUpdate, updatePaymentStatus } from '../db/payments.repo.js';
import { appendTransaction, type NewTransaction, transactionsOf } from '../db/transactions.repo.js';
import { paymentErrors } from '../domain/errors.js';
import { assertCanAppend, summarizeLedger } from '../domain/ledger.js';
import type { PaymentDetail } from '../domain/payment.js';
import type { PaymentDeps } from './deps.js';
import { getPayment } from './get-payment.js';

/**
 * The one writer of the ledger. Under the payment's row lock it checks the
 * new row against the books, appends it and stores the status derived from
 * the whole ledger, in one transaction. A provider event seen before is
 * acknowledged without a second effect (`recorded: false`). The providers
 * and webhooks of the checkout issue call this, adding the `payment.*`
 * outbox row to the same transaction.
 */
export async function recordTransaction(
  deps: PaymentDeps,
  input: { paymentId: string; entry: NewTransaction },
): Promise<{ recorded: boolean; payment: PaymentDetail }> {
  const { entry } = input;
  const recorded = await deps.db.transaction(async (tx) => {
    const payment = await findPaymentForUpdate(tx, input.paymentId);
    if (!payment) throw paymentErrors.PAYMENT_NOT_FOUND(`no payment with id ${input.paymentId}`);
    const ledger = await transactionsOf(tx, payment.id);
    if (entry.providerEventId && ledger.some((row) => row.providerEventId === entry.providerEventId)) {
      return false;
    }
    assertCanAppend(payment, ledger, entry);
    const appended = await appendTransaction(tx, payment.id, entry);
    if (!appended) {
      // The event id is on another payment's row: one effect per provider event, but worth a look.
      deps.logger.warn(
        { paymentId: payment.id, providerEventId: entry.providerEventId },
        'provider event already on another payment',
      );
      return false;
    }
    const { status } = summarizeLedger([...ledger, appended]);
    if (status !== payment.status) await updatePaymentStatus(tx, payment.id, status);
    return true;
  });
  if (recorded) {
    deps.metrics.ledgerEntries.inc({ kind: entry.kind });
    deps.logger.info(
      { paymentId: input.paymentId, kind: entry.kind, amountMinor: entry.amountMinor },
      'ledger entry recorded',
    );
  }
  return { recorded, payment: await getPayment(deps, input.paymentId) };
}
