import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Payment } from '../domain/payment.js';
import type { CaptureMethod, PaymentStatus } from '../domain/payment-enums.js';
import type { PaymentDb, PaymentTx } from './database.js';
import { payments, transactions } from './schema.js';

/** Every column a reader may see: not the idempotency key, its fingerprint or the method token. */
const columns = {
  id: payments.id,
  orderId: payments.orderId,
  customerId: payments.customerId,
  provider: payments.provider,
  status: payments.status,
  amountMinor: payments.amountMinor,
  currency: payments.currency,
  providerReference: payments.providerReference,
  captureMethod: payments.captureMethod,
  createdAt: payments.createdAt,
  updatedAt: payments.updatedAt,
};

type Executor = PaymentDb | PaymentTx;

export interface NewPayment {
  orderId: string;
  customerId: string | null;
  provider: string;
  amountMinor: number;
  currency: string;
  providerReference: string | null;
  idempotencyKey: string | null;
  requestFingerprint?: string | null;
  captureMethod?: CaptureMethod;
  methodToken?: string | null;
}

/** A new payment is `pending` with an empty ledger. */
export async function insertPayment(db: Executor, payment: NewPayment): Promise<Payment> {
  const [row] = await db.insert(payments).values(payment).returning(columns);
  return row!;
}

export async function findPayment(db: Executor, id: string): Promise<Payment | undefined> {
  const [row] = await db.select(columns).from(payments).where(eq(payments.id, id));
  return row;
}

/** Locks the payment's row until the transaction ends: ledger writes for one payment queue behind it. */
export async function findPaymentForUpdate(tx: PaymentTx, id: string): Promise<Payment | undefined> {
  const [row] = await tx.select(columns).from(payments).where(eq(payments.id, id)).for('update');
  return row;
}

/** The payment a caller's `Idempotency-Key` created, with the fingerprint of the request that did. */
export async function findPaymentByIdempotencyKey(
  db: Executor,
  idempotencyKey: string,
): Promise<{ payment: Payment; requestFingerprint: string | null } | undefined> {
  const [row] = await db
    .select({ payment: columns, requestFingerprint: payments.requestFingerprint })
    .from(payments)
    .where(eq(payments.idempotencyKey, idempotencyKey));
  return row;
}

export async function findPaymentIdByProviderReference(
  db: Executor,
  provider: string,
  reference: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.provider, provider), eq(payments.providerReference, reference)));
  return row?.id;
}

/** The payment one of whose ledger rows is the provider's object `reference` (a capture a refund names). */
export async function findPaymentIdByTransactionReference(
  db: Executor,
  provider: string,
  reference: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: payments.id })
    .from(transactions)
    .innerJoin(payments, eq(payments.id, transactions.paymentId))
    .where(and(eq(payments.provider, provider), eq(transactions.providerReference, reference)))
    .limit(1);
  return row?.id;
}

/**
 * Serialises everyone who looks a payment up by a provider reference: the
 * webhook that finds no payment (and stores itself as unmatched) and the
 * API answer that attaches the reference (and applies what was stored) take
 * turns, so a webhook is never left unmatched behind the reference's arrival.
 */
export async function lockProviderReference(
  tx: PaymentTx,
  provider: string,
  reference: string,
): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`payment-ref:${provider}:${reference}`}, 0))`,
  );
}

export async function setProviderReference(tx: PaymentTx, id: string, reference: string): Promise<void> {
  await tx
    .update(payments)
    .set({ providerReference: reference, updatedAt: sql`now()` })
    .where(eq(payments.id, id));
}

/** The provider token the payment was made with: only the reconciler needs it, to repeat an authorisation. */
export async function methodTokenOf(db: Executor, id: string): Promise<string | null> {
  const [row] = await db.select({ token: payments.methodToken }).from(payments).where(eq(payments.id, id));
  return row?.token ?? null;
}

/** Marks the payment as looked at now (the reconciler's pacing). */
export async function touchPayment(db: Executor, id: string): Promise<void> {
  await db.update(payments).set({ updatedAt: sql`now()` }).where(eq(payments.id, id));
}

/** Only the ledger writer calls this, with the status `summarizeLedger` derived. */
export async function updatePaymentStatus(tx: PaymentTx, id: string, status: PaymentStatus): Promise<void> {
  await tx.update(payments).set({ status, updatedAt: sql`now()` }).where(eq(payments.id, id));
}

export interface PaymentListQuery {
  orderId?: string | undefined;
  customerId?: string | undefined;
  /** Position of the last row of the previous page: newest first, `(createdAt, id)` descending. */
  after?: readonly [createdAt: string, id: string] | undefined;
  take: number;
}

export async function listPayments(db: PaymentDb, query: PaymentListQuery): Promise<Payment[]> {
  const filters: SQL[] = [];
  if (query.orderId) filters.push(eq(payments.orderId, query.orderId));
  if (query.customerId) filters.push(eq(payments.customerId, query.customerId));
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

/**
 * Payments that should have settled by now: pending ones, and authorised
 * ones whose provider captures automatically (a manual capture may wait).
 */
export async function unsettledPayments(db: PaymentDb, before: Date, take: number): Promise<Payment[]> {
  return db
    .select(columns)
    .from(payments)
    .where(
      and(
        lt(payments.updatedAt, before),
        or(
          eq(payments.status, 'pending'),
          and(eq(payments.status, 'authorized'), eq(payments.captureMethod, 'automatic')),
        ),
        inArray(payments.status, ['pending', 'authorized']),
      ),
    )
    .orderBy(payments.updatedAt)
    .limit(take);
}
