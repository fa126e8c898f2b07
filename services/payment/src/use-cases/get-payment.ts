import { findPayment } from '../db/payments.repo.js';
import { transactionsOf } from '../db/transactions.repo.js';
import { paymentErrors } from '../domain/errors.js';
import { summarizeLedger } from '../domain/ledger.js';
import type { PaymentDetail } from '../domain/payment.js';
import type { PaymentDeps } from './deps.js';

export async function getPayment(deps: PaymentDeps, id: string): Promise<PaymentDetail> {
  const payment = await findPayment(deps.db, id);
  if (!payment) throw paymentErrors.PAYMENT_NOT_FOUND(`no payment with id ${id}`);
  const transactions = await transactionsOf(deps.db, id);
  const { status: _derived, ...totals } = summarizeLedger(transactions);
  return { ...payment, totals, transactions };
}
