import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Order, ShippingAddress } from '../domain/order.js';
import { orderNumberOf } from '../domain/order-number.js';
import type { OrderStatus } from '../domain/order-statuses.js';
import type { OrderTotals, PricedLine } from '../domain/order-totals.js';
import type { OrderExecutor } from './database.js';
import { appendStatusChange } from './order-history.repo.js';
import { insertLines } from './order-lines.repo.js';
import { orderNumberSequence, orders } from './schema.js';

/** Every column but the idempotency key, which is the client's business and never shown back. */
const columns = {
  id: orders.id,
  number: orders.number,
  customerId: orders.customerId,
  email: orders.email,
  status: orders.status,
  currency: orders.currency,
  subtotalMinor: orders.subtotalMinor,
  shippingMinor: orders.shippingMinor,
  taxMinor: orders.taxMinor,
  discountMinor: orders.discountMinor,
  totalMinor: orders.totalMinor,
  shippingAddress: orders.shippingAddress,
  createdAt: orders.createdAt,
  updatedAt: orders.updatedAt,
};

export interface NewOrder {
  /** Chosen by the checkout before it reserved stock (the reservation is keyed by it). */
  id: string;
  customerId: string | null;
  /** Already lower-cased. */
  email: string;
  currency: string;
  shippingAddress: ShippingAddress;
  idempotencyKey: string | null;
  guestTokenHash: string | null;
  /** Both from `priceOrder`, so lines and totals always agree. */
  lines: PricedLine[];
  totals: OrderTotals;
  actor: string;
}

/**
 * Writes an order as `pending_payment` with its lines and the first history
 * row. Called inside the caller's transaction, which also carries the
 * `order.created` outbox row and the saga's step.
 */
export async function insertOrder(tx: OrderExecutor, order: NewOrder): Promise<Order> {
  const sequence = await tx.execute<{ value: string }>(
    sql`select nextval(${`${orderNumberSequence.schema}.${orderNumberSequence.seqName}`}::regclass) as value`,
  );
  const [row] = await tx
    .insert(orders)
    .values({
      id: order.id,
      number: orderNumberOf(Number(sequence.rows[0]!.value)),
      customerId: order.customerId,
      email: order.email,
      status: 'pending_payment',
      currency: order.currency,
      ...order.totals,
      shippingAddress: order.shippingAddress,
      idempotencyKey: order.idempotencyKey,
      guestTokenHash: order.guestTokenHash,
    })
    .returning(columns);
  await insertLines(tx, row!.id, order.lines);
  await appendStatusChange(tx, row!.id, {
    fromStatus: null,
    toStatus: 'pending_payment',
    actor: order.actor,
    reason: 'order placed',
  });
  return row!;
}

/** Who may see an order: its customer, or the guest holding the cart token it was placed with. */
export async function ownerOfOrder(
  db: OrderExecutor,
  id: string,
): Promise<{ customerId: string | null; guestTokenHash: string | null } | undefined> {
  const [row] = await db
    .select({ customerId: orders.customerId, guestTokenHash: orders.guestTokenHash })
    .from(orders)
    .where(eq(orders.id, id));
  return row;
}

export async function findOrder(db: OrderExecutor, id: string): Promise<Order | undefined> {
  const [row] = await db.select(columns).from(orders).where(eq(orders.id, id));
  return row;
}

/** Locks the order's row until the transaction ends: concurrent status changes queue behind it. */
export async function findOrderForUpdate(tx: OrderExecutor, id: string): Promise<Order | undefined> {
  const [row] = await tx.select(columns).from(orders).where(eq(orders.id, id)).for('update');
  return row;
}

export async function updateOrderStatus(tx: OrderExecutor, id: string, status: OrderStatus): Promise<void> {
  await tx.update(orders).set({ status, updatedAt: sql`now()` }).where(eq(orders.id, id));
}

export interface OrderListQuery {
  status?: OrderStatus | undefined;
  customerId?: string | undefined;
  /** Already lower-cased. */
  email?: string | undefined;
  /** Position of the last row of the previous page: newest first, `(createdAt, id)` descending. */
  after?: readonly [createdAt: string, id: string] | undefined;
  take: number;
}

export async function listOrders(db: OrderExecutor, query: OrderListQuery): Promise<Order[]> {
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(orders.status, query.status));
  if (query.customerId) filters.push(eq(orders.customerId, query.customerId));
  if (query.email) filters.push(eq(orders.email, query.email));
  if (query.after) {
    const [createdAt, id] = query.after;
    filters.push(sql`(${orders.createdAt}, ${orders.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  return db
    .select(columns)
    .from(orders)
    .where(and(...filters))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(query.take);
}

/**
 * Erases a deleted customer's personal data from their orders, keeping
 * what the books need (amounts, lines, dates, country for tax): the email
 * becomes an unroutable placeholder and the address keeps only its country.
 * Returns how many orders were changed; a second run changes none.
 */
export async function anonymiseCustomerOrders(db: OrderExecutor, customerId: string): Promise<number> {
  const changed = await db
    .update(orders)
    .set({
      email: sql`'deleted-' || ${orders.id}::text || '@invalid'`,
      shippingAddress: sql`jsonb_build_object(
        'name', 'deleted', 'line1', 'deleted', 'city', 'deleted', 'postalCode', 'deleted',
        'country', ${orders.shippingAddress}->>'country')`,
    })
    .where(and(eq(orders.customerId, customerId), sql`${orders.email} not like 'deleted-%@invalid'`))
    .returning({ id: orders.id });
  return changed.length;
}
