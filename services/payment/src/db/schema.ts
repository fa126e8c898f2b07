import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  captureMethods,
  paymentStatuses,
  refundStatuses,
  transactionKinds,
  webhookStatuses,
} from '../domain/payment-enums.js';

/** Everything the payment service owns lives in the `payment` Postgres schema. */
export const paymentSchema = pgSchema('payment');

const quoted = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));
const money = (name: string) => bigint(name, { mode: 'number' }).notNull();
// Millisecond precision: keyset cursors carry these values through a JS Date exactly.
const instant = (name: string) =>
  timestamp(name, { withTimezone: true, precision: 3 }).notNull().defaultNow();

/**
 * One payment attempt for an order at one provider. Card data never reaches
 * this table: only the provider's reference (token, intent id).
 */
export const payments = paymentSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order service's id; no foreign key across services. */
    orderId: uuid('order_id').notNull(),
    /** The paying customer's user id (null for a guest): lets a customer see only their own payments. */
    customerId: uuid('customer_id'),
    provider: text('provider').notNull(),
    /** Derived from the ledger by `summarizeLedger` in the transaction that appends a row; never set by hand. */
    status: text('status', { enum: paymentStatuses }).notNull().default('pending'),
    amountMinor: money('amount_minor'),
    currency: text('currency').notNull(),
    providerReference: text('provider_reference'),
    /**
     * The client's `Idempotency-Key` of `POST /payments`, scoped to the caller
     * (`<subject>:<key>`): the same key returns the same payment.
     */
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the request that used the key: the same key with another body is refused. */
    requestFingerprint: text('request_fingerprint'),
    captureMethod: text('capture_method', { enum: captureMethods }).notNull().default('automatic'),
    /**
     * The provider's token for the payment method (never a card number): kept
     * so an authorisation cut short by a crash can be repeated, idempotently, by
     * the reconciler.
     */
    methodToken: text('method_token'),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
  },
  (t) => [
    uniqueIndex('payments_idempotency_key_key').on(t.idempotencyKey),
    // One live payment per order: a second one is possible only once the first failed or was voided.
    uniqueIndex('payments_live_order_key').on(t.orderId).where(sql`${t.status} not in ('failed', 'voided')`),
    index('payments_customer_created_at_idx').on(t.customerId, t.createdAt, t.id),
    index('payments_unsettled_updated_at_idx')
      .on(t.updatedAt)
      .where(sql`${t.status} in ('pending', 'authorized')`),
    uniqueIndex('payments_provider_reference_key').on(t.provider, t.providerReference),
    index('payments_order_created_at_idx').on(t.orderId, t.createdAt, t.id),
    index('payments_created_at_id_idx').on(t.createdAt, t.id),
    check('payments_status_known', sql`${t.status} in (${quoted(paymentStatuses)})`),
    check('payments_capture_method_known', sql`${t.captureMethod} in (${quoted(captureMethods)})`),
    check('payments_amount_positive', sql`${t.amountMinor} > 0`),
    check('payments_currency_iso4217', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/**
 * The ledger: every authorisation, capture, refund, failure and void is a
 * row, appended and never updated. A provider event that is delivered twice
 * hits the unique `provider_event_id` and is recorded once.
 */
export const transactions = paymentSchema.table(
  'transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    kind: text('kind', { enum: transactionKinds }).notNull(),
    amountMinor: money('amount_minor'),
    currency: text('currency').notNull(),
    /** The provider's id of the object behind the row: capture, refund, dispute. */
    providerReference: text('provider_reference'),
    /** The provider fact this row records (`<provider>:<object id>[:kind]`): recorded once, whoever reports it. */
    providerEventId: text('provider_event_id'),
    /** Failures: a stable code (`card_declined`, `insufficient_funds`) and the provider's words. */
    reasonCode: text('reason_code'),
    reason: text('reason'),
    createdAt: instant('created_at'),
  },
  (t) => [
    uniqueIndex('transactions_provider_event_id_key').on(t.providerEventId),
    index('transactions_provider_reference_idx').on(t.providerReference),
    index('transactions_payment_created_at_idx').on(t.paymentId, t.createdAt),
    check('transactions_kind_known', sql`${t.kind} in (${quoted(transactionKinds)})`),
    check('transactions_amount_not_negative', sql`${t.amountMinor} >= 0`),
    check('transactions_currency_iso4217', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/**
 * Refunds asked for through the API. A refund is `pending` from the moment it
 * is accepted until the provider answers, and counts against what is still
 * refundable meanwhile, so concurrent refunds cannot together exceed the capture.
 */
export const refunds = paymentSchema.table(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    amountMinor: money('amount_minor'),
    currency: text('currency').notNull(),
    reason: text('reason'),
    status: text('status', { enum: refundStatuses }).notNull().default('pending'),
    /** `<subject>:<key>` of the caller's `Idempotency-Key`. */
    idempotencyKey: text('idempotency_key').notNull(),
    requestFingerprint: text('request_fingerprint').notNull(),
    /** The provider's refund id, once it answered. */
    providerReference: text('provider_reference'),
    failureCode: text('failure_code'),
    /** The ledger row that records the money returned. */
    transactionId: uuid('transaction_id').references(() => transactions.id),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
  },
  (t) => [
    uniqueIndex('refunds_idempotency_key_key').on(t.idempotencyKey),
    index('refunds_payment_idx').on(t.paymentId, t.createdAt),
    index('refunds_provider_reference_idx').on(t.providerReference),
    check('refunds_status_known', sql`${t.status} in (${quoted(refundStatuses)})`),
    check('refunds_amount_positive', sql`${t.amountMinor} > 0`),
  ],
);

/**
 * Webhooks as received (after their signature verified), stored once per
 * (provider, event id): a redelivery finds its twin. `facts` holds what the
 * provider's mapping read from the payload, so a webhook that arrived before
 * its payment was known is applied later without parsing it again.
 */
export const webhookEvents = paymentSchema.table(
  'webhook_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull().default(''),
    receivedAt: instant('received_at'),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: webhookStatuses }).notNull().default('applied'),
    paymentId: uuid('payment_id').references(() => payments.id),
    /** The provider's payment reference the event names: how an `unmatched` event finds its payment later. */
    providerReference: text('provider_reference'),
    facts: jsonb('facts').notNull().default(sql`'[]'::jsonb`),
    error: text('error'),
    processedAt: timestamp('processed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.eventId] }),
    index('webhook_events_unmatched_idx')
      .on(t.provider, t.providerReference)
      .where(sql`${t.status} = 'unmatched'`),
    index('webhook_events_deferred_idx').on(t.paymentId).where(sql`${t.status} = 'deferred'`),
    check('webhook_events_status_known', sql`${t.status} in (${quoted(webhookStatuses)})`),
  ],
);

/** Events leave through the outbox, written in the same transaction as the ledger row that decides them. */
export const outbox = outboxTable(paymentSchema);
export const inbox = inboxTable(paymentSchema);
export const deadLetters = deadLetterTable(paymentSchema);
