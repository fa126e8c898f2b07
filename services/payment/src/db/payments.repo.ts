import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Payment } from '../domain/payment.js';
import type { PaymentStatus } from '../domain/payment-enums.js';
import type { PaymentDb, PaymentTx } from './database.js';
import { payments } from './schema.js';

/** Every column but the idempotency key, which is the client's business and never shown back. */
const columns = {
  id: payments.id,
  orderId: payments.orderId,
  customerId: payments.customerId,
  provider: payments.provider,
  status: payments.status,
  amountMinor: payments.amountMinor,
  currency: payments.currency,
  providerReference: payments.providerReference,
  createdAt: payments.createdAt,
  updatedAt: payments.updatedAt,
};

export interface NewPayment {
  orderId: string;
  customerId: string | null;
  provider: string;
  amountMinor: number;
  currency: string;
  providerReference: string | null;
  idempotencyKey: string | null;
}

/** A new payment is `pending` with an empty ledger. */
export async function insertPayment(db: PaymentDb, payment: NewPayment): Promise<Payment> {
  const [row] = await db.insert(payments).values(payment).returning(columns);
  return row!;
}

export async function findPayment(db: PaymentDb | PaymentTx, id: string): Promise<Payment | undefined> {
  const [row] = await db.select(columns).from(payments).where(eq(payments.id, id));
  return row;
}

/** Locks the payment's row until the transaction ends: ledger writes for one payment queue behind it. */
export async function findPaymentForUpdate(tx: PaymentTx, id: string): Promise<Payment | undefined> {
  const [row] = await tx.select(columns).from(payments).where(eq(payments.id, id)).for('update');
  return row;
}

/** Only the ledger writer calls this, with the status `summarizeLedger` derived. */
export async function updatePaymentStatus(tx: PaymentTx, id: string, status: PaymentStatus): Promise<void> {
  await tx.update(payments).set({ status, updatedAt: sql`now()` }).where(eq(payments.id, id));
}

export interface PaymentListQuery {
  orderId?: string | undefined;
  /** Position of the last row of the previous page: newest first, `(createdAt, id)` descending. */
  after?: readonly [createdAt: string, id: string] | undefined;
  take: number;
}

export async function listPayments(db: PaymentDb, query: PaymentListQuery): Promise<Payment[]> {
  const filters: SQL[] = [];
  if (query.orderId) filters.push(eq(payments.orderId, query.orderId));
  if (query.after) {
    const [createdAt, id] = query.after;
    filters.push(sql`(${payments.createdAt}, ${payments.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  return db
    .select(columns)
    .from(payments)
    .where(and(...filters))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(query.take);
}
