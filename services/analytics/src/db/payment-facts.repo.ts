import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import { factPayments, factRefunds } from './schema.js';

export interface PaymentFactPatch {
  paymentId: string;
  orderId: string;
  customerId: string | null;
  provider: string;
  currency: string;
  amountMinor: number;
  initiatedAt: Date | null;
  completedAt: Date | null;
  failedAt: Date | null;
  failureCode: string | null;
}

const ts = (value: Date | null) => (value === null ? null : value.toISOString());

/**
 * Merges a payment event into its row, keyed by payment id. The status
 * follows from the milestones seen so far (completed over failed over
 * initiated), so a late `payment.initiated` never takes a completion back.
 */
export async function mergePayment(tx: SqlExecutor, patch: PaymentFactPatch): Promise<void> {
  const status = patch.completedAt ? 'completed' : patch.failedAt ? 'failed' : 'initiated';
  await tx.execute(sql`
    insert into ${factPayments} as p (payment_id, order_id, customer_id, provider, status, currency,
      amount_minor, initiated_at, completed_at, failed_at, failure_code)
    values (${patch.paymentId}, ${patch.orderId}, ${patch.customerId}, ${patch.provider}, ${status},
      ${patch.currency}, ${patch.amountMinor}, ${ts(patch.initiatedAt)}, ${ts(patch.completedAt)},
      ${ts(patch.failedAt)}, ${patch.failureCode})
    on conflict (payment_id) do update set
      initiated_at = least(p.initiated_at, excluded.initiated_at),
      completed_at = least(p.completed_at, excluded.completed_at),
      failed_at = least(p.failed_at, excluded.failed_at),
      failure_code = coalesce(p.failure_code, excluded.failure_code),
      status = case
        when coalesce(p.completed_at, excluded.completed_at) is not null then 'completed'
        when coalesce(p.failed_at, excluded.failed_at) is not null then 'failed'
        else 'initiated' end`);
}

export type RefundFact = typeof factRefunds.$inferInsert;

/** One row per refund id: a refund reported twice (even under two event ids) is subtracted once. */
export async function recordRefund(tx: SqlExecutor, refund: RefundFact): Promise<void> {
  await tx.insert(factRefunds).values(refund).onConflictDoNothing();
}
