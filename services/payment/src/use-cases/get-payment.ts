import { canReach, type Principal } from '@emporium/platform/auth/principal';
import { findPayment } from '../db/payments.repo.js';
import { transactionsOf } from '../db/transactions.repo.js';
import { paymentErrors } from '../domain/errors.js';
import { summarizeLedger } from '../domain/ledger.js';
import type { PaymentDetail } from '../domain/payment.js';
import type { PaymentDeps } from './deps.js';

/**
 * A payment with its ledger and the totals derived from it. With a `viewer`,
 * a customer reaches only the payments of their own orders; another's
 * payment is answered as missing, not forbidden, so ids leak nothing.
 */
export async function getPayment(deps: PaymentDeps, id: string, viewer?: Principal): Promise<PaymentDetail> {
  const payment = await findPayment(deps.db, id);
  if (!payment || (viewer && !canReach(viewer, payment.customerId, 'payments:read:any'))) {
    throw paymentErrors.PAYMENT_NOT_FOUND(`no payment with id ${id}`);
  }
  const transactions = await transactionsOf(deps.db, id);
  const { status: _derived, ...totals } = summarizeLedger(transactions);
  return { ...payment, totals, transactions };
}
