import { and, asc, eq } from 'drizzle-orm';
import type { Transaction } from '../domain/payment.js';
import type { PaymentDb, PaymentTx } from './database.js';
import { transactions } from './schema.js';

const columns = {
  id: transactions.id,
  kind: transactions.kind,
  amountMinor: transactions.amountMinor,
  currency: transactions.currency,
  providerReference: transactions.providerReference,
  providerEventId: transactions.providerEventId,
  reasonCode: transactions.reasonCode,
  reason: transactions.reason,
  createdAt: transactions.createdAt,
};

export type NewTransaction = Omit<Transaction, 'id' | 'createdAt'>;

/**
 * Appends one ledger row; there is no update or delete of the ledger anywhere.
 * Returns undefined when a row with the same provider event id exists: a
 * redelivered event is recorded once.
 */
export async function appendTransaction(
  tx: PaymentTx,
  paymentId: string,
  entry: NewTransaction,
): Promise<Transaction | undefined> {
  const [row] = await tx
    .insert(transactions)
    .values({ paymentId, ...entry })
    .onConflictDoNothing({ target: transactions.providerEventId })
    .returning(columns);
  return row;
}

export async function transactionsOf(db: PaymentDb | PaymentTx, paymentId: string): Promise<Transaction[]> {
  return db
    .select(columns)
    .from(transactions)
    .where(eq(transactions.paymentId, paymentId))
    .orderBy(asc(transactions.createdAt), asc(transactions.id));
}

/** The payment's ledger row for a provider object (a refund id), if the ledger holds it. */
export async function findTransactionByReference(
  db: PaymentDb | PaymentTx,
  paymentId: string,
  providerReference: string,
): Promise<Transaction | undefined> {
  const [row] = await db
    .select(columns)
    .from(transactions)
    .where(and(eq(transactions.paymentId, paymentId), eq(transactions.providerReference, providerReference)))
    .limit(1);
  return row;
}
