import {
  orderCancelled,
  orderCompleted,
  orderCreated,
  orderUpdated,
} from '@emporium/contracts/events/order-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { mergeOrder, type OrderFactPatch, recordOrderLines } from '../db/order-facts.repo.js';
import { customerKeyOf, paidStatuses } from '../domain/fact-keys.js';

const none = { placedAt: null, paidAt: null, cancelledAt: null, completedAt: null };
const units = (lines: ReadonlyArray<{ quantity: number }>) => lines.reduce((sum, l) => sum + l.quantity, 0);

/**
 * Order events into `fact_orders` and `fact_order_lines`, in the handler's
 * transaction (the inbox row commits with them). Each event merges into the
 * order's row by order id, so arrival order and duplicates do not matter.
 */
export function subscribeOrderEvents(events: EventRuntime): void {
  events.subscribe(orderCreated, async (event, { tx }) => {
    const d = event.data;
    const placedAt = new Date(d.placedAt);
    await mergeOrder(tx, {
      ...none,
      orderId: d.orderId,
      number: d.number,
      customerId: d.customerId,
      customerKey: customerKeyOf(d.customerId, d.email),
      currency: d.currency,
      totalMinor: d.totals.totalMinor,
      itemsCount: units(d.lines),
      status: d.status,
      statusAt: placedAt,
      placedAt,
    });
    await recordOrderLines(tx, d.orderId, d.lines);
  });

  events.subscribe(orderUpdated, async (event, { tx }) => {
    const d = event.data;
    const at = new Date(d.updatedAt);
    const patch: OrderFactPatch = {
      ...none,
      orderId: d.orderId,
      number: d.number,
      customerId: d.customerId,
      customerKey: customerKeyOf(d.customerId, d.email),
      currency: null,
      totalMinor: null,
      itemsCount: null,
      status: d.status,
      statusAt: at,
    };
    if (paidStatuses.includes(d.status)) patch.paidAt = at;
    if (d.status === 'cancelled') patch.cancelledAt = at;
    if (d.status === 'completed') patch.completedAt = at;
    await mergeOrder(tx, patch);
  });

  events.subscribe(orderCancelled, async (event, { tx }) => {
    const d = event.data;
    const at = new Date(d.cancelledAt);
    await mergeOrder(tx, {
      ...none,
      orderId: d.orderId,
      number: d.number,
      customerId: d.customerId,
      customerKey: customerKeyOf(d.customerId, d.email),
      currency: d.currency,
      totalMinor: d.totalMinor,
      itemsCount: units(d.lines),
      status: 'cancelled',
      statusAt: at,
      cancelledAt: at,
    });
  });

  events.subscribe(orderCompleted, async (event, { tx }) => {
    const d = event.data;
    const at = new Date(d.completedAt);
    await mergeOrder(tx, {
      ...none,
      orderId: d.orderId,
      number: d.number,
      customerId: d.customerId,
      customerKey: customerKeyOf(d.customerId, d.email),
      currency: d.currency,
      totalMinor: d.totalMinor,
      itemsCount: units(d.lines),
      status: 'completed',
      statusAt: at,
      // A completed order was paid, even when no earlier event said so.
      paidAt: at,
      completedAt: at,
    });
    await recordOrderLines(tx, d.orderId, d.lines);
  });
}
