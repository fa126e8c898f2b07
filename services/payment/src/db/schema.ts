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
import { paymentStatuses, transactionKinds } from '../domain/payment-enums.js';

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
    /** The client's `Idempotency-Key` of `POST /payments`: the same key returns the same payment. */
    idempotencyKey: text('idempotency_key'),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
  },
  (t) => [
    uniqueIndex('payments_idempotency_key_key').on(t.idempotencyKey),
    uniqueIndex('payments_provider_reference_key').on(t.provider, t.providerReference),
    index('payments_order_created_at_idx').on(t.orderId, t.createdAt, t.id),
    index('payments_created_at_id_idx').on(t.createdAt, t.id),
    check('payments_status_known', sql`${t.status} in (${quoted(paymentStatuses)})`),
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
    providerReference: text('provider_reference'),
    providerEventId: text('provider_event_id'),
    createdAt: instant('created_at'),
  },
  (t) => [
    uniqueIndex('transactions_provider_event_id_key').on(t.providerEventId),
    index('transactions_payment_created_at_idx').on(t.paymentId, t.createdAt),
    check('transactions_kind_known', sql`${t.kind} in (${quoted(transactionKinds)})`),
    check('transactions_amount_not_negative', sql`${t.amountMinor} >= 0`),
    check('transactions_currency_iso4217', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** Webhooks as received, stored once per (provider, event id): a redelivery finds its twin. */
export const webhookEvents = paymentSchema.table(
  'webhook_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: instant('received_at'),
    payload: jsonb('payload').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);
