import type { EventDefinition, PayloadOf } from '@emporium/contracts/events/define-event';
import { createEnvelope, type EventEnvelope } from '@emporium/contracts/events/envelope';
import { orderCreated, orderUpdated } from '@emporium/contracts/events/order-events';
import { paymentCompleted, paymentRefunded } from '@emporium/contracts/events/payment-events';
import { productUpdated } from '@emporium/contracts/events/product-events';
import pg from 'pg';
import type { Probe } from './probe-service.js';

export interface TestLine {
  sku: string;
  productId: string;
  title: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface TestOrder {
  orderId: string;
  customerId: string | null;
  email: string;
  currency: string;
  placedAt: string;
  lines: TestLine[];
  shippingMinor?: number;
}

export const totalOf = (order: TestOrder) =>
  order.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0) + (order.shippingMinor ?? 0);

export const envelope = <D extends EventDefinition>(definition: D, subject: string, data: PayloadOf<D>) =>
  createEnvelope(definition, { subject, data });

export function created(order: TestOrder): EventEnvelope<typeof orderCreated> {
  const subtotal = order.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
  return envelope(orderCreated, order.orderId, {
    orderId: order.orderId,
    number: `EMP-${order.orderId.slice(-4)}`,
    customerId: order.customerId,
    email: order.email,
    currency: order.currency,
    lines: order.lines,
    totals: {
      subtotalMinor: subtotal,
      discountMinor: 0,
      shippingMinor: order.shippingMinor ?? 0,
      taxMinor: 0,
      totalMinor: totalOf(order),
    },
    shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
    status: 'pending_payment',
    placedAt: order.placedAt,
  });
}

export function markedPaid(order: TestOrder, at: string): EventEnvelope<typeof orderUpdated> {
  return envelope(orderUpdated, order.orderId, {
    orderId: order.orderId,
    number: `EMP-${order.orderId.slice(-4)}`,
    customerId: order.customerId,
    email: order.email,
    previousStatus: 'pending_payment',
    status: 'paid',
    trackingNumber: null,
    updatedAt: at,
  });
}

export function paid(order: TestOrder, at: string, paymentId = `pay-${order.orderId}`) {
  return envelope(paymentCompleted, order.orderId, {
    paymentId,
    orderId: order.orderId,
    customerId: order.customerId,
    amountMinor: totalOf(order),
    currency: order.currency,
    provider: 'sandbox',
    providerReference: `ref-${paymentId}`,
    completedAt: at,
  });
}

export function refunded(order: TestOrder, refundId: string, amountMinor: number, at: string) {
  return envelope(paymentRefunded, order.orderId, {
    paymentId: `pay-${order.orderId}`,
    orderId: order.orderId,
    customerId: order.customerId,
    amountMinor: totalOf(order),
    currency: order.currency,
    provider: 'sandbox',
    refundId,
    refundedMinor: amountMinor,
    fullRefund: amountMinor === totalOf(order),
    reason: 'damaged, "as reported"',
    refundedAt: at,
  });
}

export function product(id: string, title: string, category: string | null, updatedAt: string) {
  return envelope(productUpdated, id, {
    id,
    slug: id,
    title,
    description: '',
    brand: null,
    categorySlugs: category ? [category] : [],
    tags: [],
    status: 'active',
    variants: [
      { sku: `${id}-1`, title, priceMinor: 100, compareAtMinor: null, currency: 'USD', options: {} },
    ],
    imageUrl: null,
    updatedAt,
  });
}

/** Produces events the way their services do: through the producer's outbox, relay and broker. */
export async function produce(producer: Probe, events: EventEnvelope[]): Promise<void> {
  await producer.transaction(async (tx) => {
    for (const event of events) await producer.events.enqueue(tx, event);
  });
}

/** Reads the analytics database directly: how many events its inbox has handled. */
export function inboxOf(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {});
  return {
    handled: async (): Promise<number> =>
      Number((await pool.query("select count(*) as n from analytics.inbox where status = 'done'")).rows[0].n),
    deadLetters: async (): Promise<number> =>
      Number((await pool.query('select count(*) as n from analytics.dead_letters')).rows[0].n),
    // biome-ignore lint/suspicious/noExplicitAny: rows of arbitrary queries
    rows: async (text: string): Promise<any[]> => (await pool.query(text)).rows,
    close: () => pool.end(),
  };
}
