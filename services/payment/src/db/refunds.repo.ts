import { and, eq, sql } from 'drizzle-orm';
import type { Refund } from '../domain/payment.js';
import type { RefundStatus } from '../domain/payment-enums.js';
import type { PaymentDb, PaymentTx } from './database.js';
import { refunds } from './schema.js';

const columns = {
  id: refunds.id,
  paymentId: refunds.paymentId,
  amountMinor: refunds.amountMinor,
  currency: refunds.currency,
  reason: refunds.reason,
  status: refunds.status,
  providerReference: refunds.providerReference,
  failureCode: refunds.failureCode,
  transactionId: refunds.transactionId,
  createdAt: refunds.createdAt,
  updatedAt: refunds.updatedAt,
};

type Executor = PaymentDb | PaymentTx;

export async function insertRefund(
  tx: PaymentTx,
  refund: {
    paymentId: string;
    amountMinor: number;
    currency: string;
    reason: string | null;
    idempotencyKey: string;
    requestFingerprint: string;
  },
): Promise<Refund> {
  const [row] = await tx.insert(refunds).values(refund).returning(columns);
  return row!;
}

export async function findRefund(db: Executor, id: string): Promise<Refund | undefined> {
  const [row] = await db.select(columns).from(refunds).where(eq(refunds.id, id));
  return row;
}

export async function findRefundByIdempotencyKey(
  db: Executor,
  idempotencyKey: string,
): Promise<{ refund: Refund; requestFingerprint: string } | undefined> {
  const [row] = await db
    .select({ refund: columns, requestFingerprint: refunds.requestFingerprint })
    .from(refunds)
    .where(eq(refunds.idempotencyKey, idempotencyKey));
  return row;
}

/** Money promised back but not yet on the ledger: it counts against what may still be refunded. */
export async function pendingRefundTotal(tx: PaymentTx, paymentId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${refunds.amountMinor}), 0)` })
    .from(refunds)
    .where(and(eq(refunds.paymentId, paymentId), eq(refunds.status, 'pending')));
  return Number(row?.total ?? 0);
}

export async function settleRefund(
  tx: PaymentTx,
  id: string,
  change: {
    status: RefundStatus;
    providerReference?: string | null;
    failureCode?: string | null;
    transactionId?: string | null;
  },
): Promise<void> {
  await tx
    .update(refunds)
    .set({ ...change, updatedAt: sql`now()` })
    .where(eq(refunds.id, id));
}

/** A refund the provider confirmed (API answer or webhook, whichever came first) is settled with its ledger row. */
export async function settleRefundByReference(
  tx: PaymentTx,
  paymentId: string,
  providerReference: string,
  transactionId: string,
): Promise<{ id: string; reason: string | null } | undefined> {
  const [row] = await tx
    .update(refunds)
    .set({ status: 'succeeded', transactionId, updatedAt: sql`now()` })
    .where(
      and(
        eq(refunds.paymentId, paymentId),
        eq(refunds.providerReference, providerReference),
        eq(refunds.status, 'pending'),
      ),
    )
    .returning({ id: refunds.id, reason: refunds.reason });
  return row;
}
