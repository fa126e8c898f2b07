import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type {
  CancelReason,
  CheckoutPlan,
  CheckoutSaga,
  SagaDirection,
  SagaRefusal,
  SagaStatus,
  SagaStep,
} from '../domain/checkout-saga.js';
import type { OrderExecutor } from './database.js';
import { checkoutSagas } from './schema.js';

const columns = {
  orderId: checkoutSagas.orderId,
  step: checkoutSagas.step,
  direction: checkoutSagas.direction,
  status: checkoutSagas.status,
  version: checkoutSagas.version,
  attempts: checkoutSagas.attempts,
  nextAttemptAt: checkoutSagas.nextAttemptAt,
  lastError: checkoutSagas.lastError,
  cancelReason: checkoutSagas.cancelReason,
  plan: checkoutSagas.plan,
  reservationExpiresAt: checkoutSagas.reservationExpiresAt,
  paymentId: checkoutSagas.paymentId,
  paidMinor: checkoutSagas.paidMinor,
};

const toSaga = (row: Omit<CheckoutSaga, 'cancelReason'> & { cancelReason: string | null }): CheckoutSaga => ({
  ...row,
  cancelReason: row.cancelReason as CancelReason | null,
});

export interface NewSaga {
  orderId: string;
  idempotencyKey: string;
  requestHash: string;
  plan: CheckoutPlan;
  /** When recovery may consider the checkout request abandoned. */
  abandonAfter: Date;
}

/** The first write of a checkout, before any other service is called. Throws on a duplicate key (23505). */
export async function insertSaga(db: OrderExecutor, saga: NewSaga): Promise<CheckoutSaga> {
  const [row] = await db
    .insert(checkoutSagas)
    .values({
      orderId: saga.orderId,
      idempotencyKey: saga.idempotencyKey,
      requestHash: saga.requestHash,
      plan: saga.plan,
      step: 'reserve_stock',
      direction: 'forward',
      status: 'running',
      nextAttemptAt: saga.abandonAfter,
    })
    .returning(columns);
  return toSaga(row!);
}

export interface KeyedSaga extends CheckoutSaga {
  requestHash: string;
  refusal: SagaRefusal | null;
}

export async function findSagaByKey(
  db: OrderExecutor,
  idempotencyKey: string,
): Promise<KeyedSaga | undefined> {
  const [row] = await db
    .select({ ...columns, requestHash: checkoutSagas.requestHash, refusal: checkoutSagas.refusal })
    .from(checkoutSagas)
    .where(eq(checkoutSagas.idempotencyKey, idempotencyKey));
  return row ? { ...toSaga(row), requestHash: row.requestHash, refusal: row.refusal } : undefined;
}

export async function findSaga(db: OrderExecutor, orderId: string): Promise<CheckoutSaga | undefined> {
  const [row] = await db.select(columns).from(checkoutSagas).where(eq(checkoutSagas.orderId, orderId));
  return row ? toSaga(row) : undefined;
}

/** Locks the saga's row until the transaction ends: whoever changes it next sees this change. */
export async function lockSaga(tx: OrderExecutor, orderId: string): Promise<CheckoutSaga | undefined> {
  const [row] = await tx
    .select(columns)
    .from(checkoutSagas)
    .where(eq(checkoutSagas.orderId, orderId))
    .for('update');
  return row ? toSaga(row) : undefined;
}

export interface SagaChange {
  step?: SagaStep;
  direction?: SagaDirection;
  status?: SagaStatus;
  nextAttemptAt?: Date | null;
  lastError?: string | null;
  cancelReason?: CancelReason | null;
  refusal?: SagaRefusal | null;
  reservationExpiresAt?: Date | null;
  paymentId?: string | null;
  paidMinor?: number | null;
  /** Frees the idempotency key of a checkout that never produced an order. */
  releaseKey?: boolean;
  /** A new step (or direction, or status) starts with a clean slate of attempts. */
  resetAttempts?: boolean;
}

/**
 * Applies a change to a saga locked by the caller and bumps its version, so
 * a worker that claimed the previous version records nothing over it.
 */
export async function changeSaga(tx: OrderExecutor, orderId: string, change: SagaChange): Promise<void> {
  const { releaseKey, resetAttempts, ...fields } = change;
  await tx
    .update(checkoutSagas)
    .set({
      ...fields,
      ...(releaseKey ? { idempotencyKey: null } : {}),
      ...(resetAttempts ? { attempts: 0 } : {}),
      version: sql`${checkoutSagas.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(checkoutSagas.orderId, orderId));
}

/** A step failed for now: try again later. Leaves the version alone (nothing changed but the clock). */
export async function scheduleRetry(
  db: OrderExecutor,
  orderId: string,
  version: number,
  delayMs: number,
  error: string,
) {
  await db
    .update(checkoutSagas)
    .set({
      nextAttemptAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
      lastError: error.slice(0, 2_000),
      updatedAt: sql`now()`,
    })
    .where(and(eq(checkoutSagas.orderId, orderId), eq(checkoutSagas.version, version)));
}

/** Ends a worker's lease early (the saga changed under it): the new step runs at once. */
export async function endLease(db: OrderExecutor, orderId: string): Promise<void> {
  await db
    .update(checkoutSagas)
    .set({ nextAttemptAt: sql`now()` })
    .where(and(eq(checkoutSagas.orderId, orderId), eq(checkoutSagas.status, 'running')));
}

/**
 * Claims sagas whose step is due, for one worker: one statement picks them
 * (`SKIP LOCKED`, so workers of several replicas never take the same one) and
 * pushes their `next_attempt_at` a lease ahead. A worker that dies holding a
 * claim loses it when the lease ends; the step then runs again (it is idempotent).
 */
export async function claimDueSagas(
  db: OrderExecutor,
  limit: number,
  leaseMs: number,
): Promise<CheckoutSaga[]> {
  const due = db
    .select({ orderId: checkoutSagas.orderId })
    .from(checkoutSagas)
    .where(and(eq(checkoutSagas.status, 'running'), lte(checkoutSagas.nextAttemptAt, sql`now()`)))
    .orderBy(asc(checkoutSagas.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(checkoutSagas)
    .set({
      nextAttemptAt: sql`now() + ${leaseMs} * interval '1 millisecond'`,
      attempts: sql`${checkoutSagas.attempts} + 1`,
    })
    .where(inArray(checkoutSagas.orderId, due))
    .returning(columns);
  return rows.map(toSaga);
}

/** Sagas waiting for a payment whose deadline passed: the expiry sweeper cancels their orders. */
export async function overdueSagas(db: OrderExecutor, limit: number): Promise<string[]> {
  const rows = await db
    .select({ orderId: checkoutSagas.orderId })
    .from(checkoutSagas)
    .where(
      and(
        eq(checkoutSagas.status, 'waiting'),
        eq(checkoutSagas.step, 'await_payment'),
        lte(checkoutSagas.nextAttemptAt, sql`now()`),
      ),
    )
    .orderBy(asc(checkoutSagas.nextAttemptAt))
    .limit(limit);
  return rows.map((row) => row.orderId);
}
