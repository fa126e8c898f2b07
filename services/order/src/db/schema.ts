import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  type CheckoutPlan,
  type SagaRefusal,
  sagaDirections,
  sagaStatuses,
  sagaSteps,
} from '../domain/checkout-saga.js';
import type { ShippingAddress } from '../domain/order.js';
import { orderStatuses } from '../domain/order-statuses.js';

/**
 * Everything the order service owns lives in the `orders` Postgres schema
 * (`order` is a reserved word in SQL; DESIGN §2 names the table `orders.orders`).
 * Carts are not here: they live in Redis (or memory, embedded), see `carts/`.
 */
export const ordersSchema = pgSchema('orders');

/** Feeds the human-readable order number (EMP-000123). */
export const orderNumberSequence = ordersSchema.sequence('order_number_seq', { startWith: 1 });

const money = (name: string) => bigint(name, { mode: 'number' }).notNull();
const statusList = sql.raw(orderStatuses.map((status) => `'${status}'`).join(', '));

export const orders = ordersSchema.table(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    /** The user service's id; no foreign key across services. Null for a guest checkout. */
    customerId: uuid('customer_id'),
    /** Lower-cased, so filters by email are case-insensitive. */
    email: text('email').notNull(),
    status: text('status', { enum: orderStatuses }).notNull().default('pending_payment'),
    currency: text('currency').notNull(),
    subtotalMinor: money('subtotal_minor'),
    shippingMinor: money('shipping_minor'),
    taxMinor: money('tax_minor'),
    discountMinor: money('discount_minor'),
    totalMinor: money('total_minor'),
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>().notNull(),
    /** The client's `Idempotency-Key` of `POST /orders` (scoped to the caller): the same key returns the same order. */
    idempotencyKey: text('idempotency_key'),
    /** Guest orders: SHA-256 of the cart token they were placed with, the guest's proof of ownership. */
    guestTokenHash: text('guest_token_hash'),
    // Millisecond precision: keyset cursors carry this value through a JS Date exactly.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_number_key').on(t.number),
    uniqueIndex('orders_idempotency_key_key').on(t.idempotencyKey),
    index('orders_created_at_id_idx').on(t.createdAt, t.id),
    index('orders_customer_created_at_idx').on(t.customerId, t.createdAt, t.id),
    index('orders_email_idx').on(t.email),
    index('orders_status_created_at_idx').on(t.status, t.createdAt, t.id),
    check('orders_status_known', sql`${t.status} in (${statusList})`),
    check('orders_currency_iso4217', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('orders_email_lower_case', sql`${t.email} = lower(${t.email})`),
    check(
      'orders_amounts_not_negative',
      sql`${t.subtotalMinor} >= 0 and ${t.shippingMinor} >= 0 and ${t.taxMinor} >= 0 and ${t.discountMinor} >= 0 and ${t.discountMinor} <= ${t.subtotalMinor}`,
    ),
    check(
      'orders_total_balances',
      sql`${t.totalMinor} = ${t.subtotalMinor} - ${t.discountMinor} + ${t.shippingMinor} + ${t.taxMinor}`,
    ),
  ],
);

export const orderLines = ordersSchema.table(
  'order_lines',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    sku: text('sku').notNull(),
    /** The product service's id, copied: no foreign key across services. */
    productId: text('product_id').notNull(),
    /** The title at the time of purchase, kept even if the product changes later. */
    title: text('title').notNull(),
    unitPriceMinor: money('unit_price_minor'),
    quantity: integer('quantity').notNull(),
    lineTotalMinor: money('line_total_minor'),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.sku] }),
    check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
    check('order_lines_price_not_negative', sql`${t.unitPriceMinor} >= 0`),
    check('order_lines_total_balances', sql`${t.lineTotalMinor} = ${t.unitPriceMinor} * ${t.quantity}`),
  ],
);

/** Every status an order went through, with who and why: written in the same transaction as the change. */
export const orderStatusHistory = ordersSchema.table(
  'order_status_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    /** Null on the row that records the order's creation. */
    fromStatus: text('from_status', { enum: orderStatuses }),
    toStatus: text('to_status', { enum: orderStatuses }).notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('order_status_history_order_idx').on(t.orderId, t.id),
    check(
      'order_status_history_statuses_known',
      sql`${t.toStatus} in (${statusList}) and (${t.fromStatus} is null or ${t.fromStatus} in (${statusList}))`,
    ),
  ],
);

const sagaList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

/**
 * The checkout saga of each order (DESIGN §4): which step it is at, in which
 * direction (forward, or undoing), and when the worker should look at it
 * again. The row is written before the first call to another service, so a
 * crash at any point leaves something the recovery worker can finish or undo.
 */
export const checkoutSagas = ordersSchema.table(
  'checkout_sagas',
  {
    /** Generated before inventory is called: the reservation is idempotent on it. */
    orderId: uuid('order_id').primaryKey(),
    /** Scoped to the caller; cleared when an abandoned checkout is undone, so the client may retry. */
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the request body: the same key with another body is refused. */
    requestHash: text('request_hash').notNull(),
    step: text('step', { enum: sagaSteps }).notNull(),
    direction: text('direction', { enum: sagaDirections }).notNull().default('forward'),
    status: text('status', { enum: sagaStatuses }).notNull(),
    /** Bumped by every change of step, direction or status: a worker holding a stale copy records nothing. */
    version: integer('version').notNull().default(1),
    attempts: integer('attempts').notNull().default(0),
    /** When the worker takes the saga next: a retry, a lease's end, or the payment deadline. Null: nothing due. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }),
    lastError: text('last_error'),
    /** Why the saga is undoing: the reason given in `order.cancelled`. */
    cancelReason: text('cancel_reason'),
    /** The problem a refused checkout answered, replayed for the same idempotency key. */
    refusal: jsonb('refusal').$type<SagaRefusal>(),
    /** Everything needed to write the order and to undo it: priced lines, totals, customer. */
    plan: jsonb('plan').$type<CheckoutPlan>().notNull(),
    reservationExpiresAt: timestamp('reservation_expires_at', { withTimezone: true, precision: 3 }),
    /** Set by `payment.completed`: the payment to refund should the order be cancelled. */
    paymentId: text('payment_id'),
    paidMinor: bigint('paid_minor', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('checkout_sagas_idempotency_key_key').on(t.idempotencyKey),
    index('checkout_sagas_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('running', 'waiting')`),
    check('checkout_sagas_step_known', sql`${t.step} in (${sagaList(sagaSteps)})`),
    check('checkout_sagas_direction_known', sql`${t.direction} in (${sagaList(sagaDirections)})`),
    check('checkout_sagas_status_known', sql`${t.status} in (${sagaList(sagaStatuses)})`),
  ],
);

/** Events leave through the outbox, written in the same transaction as the order change. */
export const outbox = outboxTable(ordersSchema);
export const inbox = inboxTable(ordersSchema);
export const deadLetters = deadLetterTable(ordersSchema);
