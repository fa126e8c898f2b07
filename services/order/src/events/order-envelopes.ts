import { createEnvelope } from '@emporium/contracts/events/envelope';
import {
  orderCancelled,
  orderCompleted,
  orderCreated,
  orderUpdated,
} from '@emporium/contracts/events/order-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { RequestContext } from '@emporium/platform/http/request-context';
import type { CancelReason } from '../domain/checkout-saga.js';
import type { Order } from '../domain/order.js';
import type { OrderStatus } from '../domain/order-statuses.js';
import type { PricedLine } from '../domain/order-totals.js';

type Trace = RequestContext['trace'];

const customerOf = (order: Order) => ({ customerId: order.customerId, email: order.email });
const eventLines = (lines: PricedLine[]) =>
  lines.map(({ sku, productId, title, quantity, unitPriceMinor }) => ({
    sku,
    productId,
    title,
    quantity,
    unitPriceMinor,
  }));

export function orderCreatedEnvelope(order: Order, lines: PricedLine[], trace: Trace) {
  return createEnvelope(orderCreated, {
    subject: order.id,
    data: {
      orderId: order.id,
      number: order.number,
      ...customerOf(order),
      currency: order.currency,
      lines: eventLines(lines),
      totals: {
        subtotalMinor: order.subtotalMinor,
        discountMinor: order.discountMinor,
        shippingMinor: order.shippingMinor,
        taxMinor: order.taxMinor,
        totalMinor: order.totalMinor,
      },
      shippingAddress: order.shippingAddress,
      status: 'pending_payment',
      placedAt: order.createdAt.toISOString(),
    },
    ...traceContextOf(trace),
  });
}

export interface StatusChangeEvent {
  order: Order;
  lines: PricedLine[];
  from: OrderStatus;
  to: OrderStatus;
  /** Present when `to` is `cancelled`. */
  cancellation?: { reason: CancelReason; refundRequired: boolean } | undefined;
  trace: Trace;
}

/**
 * One event per status change: `order.cancelled` and `order.completed` carry
 * what their consumers act on (lines to release, whether money goes back,
 * purchases to count); every other move is an `order.updated`.
 */
export function statusChangeEnvelope(change: StatusChangeEvent) {
  const { order, lines, to } = change;
  const now = new Date().toISOString();
  const trace = traceContextOf(change.trace);
  if (to === 'cancelled') {
    return createEnvelope(orderCancelled, {
      subject: order.id,
      data: {
        orderId: order.id,
        number: order.number,
        ...customerOf(order),
        currency: order.currency,
        totalMinor: order.totalMinor,
        lines: lines.map(({ sku, quantity }) => ({ sku, quantity })),
        reason: change.cancellation?.reason ?? 'admin',
        refundRequired: change.cancellation?.refundRequired ?? false,
        cancelledAt: now,
      },
      ...trace,
    });
  }
  if (to === 'completed') {
    return createEnvelope(orderCompleted, {
      subject: order.id,
      data: {
        orderId: order.id,
        number: order.number,
        ...customerOf(order),
        currency: order.currency,
        totalMinor: order.totalMinor,
        lines: eventLines(lines),
        completedAt: now,
      },
      ...trace,
    });
  }
  return createEnvelope(orderUpdated, {
    subject: order.id,
    data: {
      orderId: order.id,
      number: order.number,
      ...customerOf(order),
      previousStatus: change.from,
      status: to,
      trackingNumber: null,
      updatedAt: now,
    },
    ...trace,
  });
}
