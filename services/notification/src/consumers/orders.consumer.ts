import {
  orderCancelled,
  orderCompleted,
  orderCreated,
  orderUpdated,
} from '@emporium/contracts/events/order-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { NotificationExecutor } from '../db/database.js';
import { findOrderContact, saveOrderContact } from '../db/order-contacts.repo.js';
import { findRecipient } from '../db/recipients.repo.js';
import { formatMoney } from '../domain/money.js';
import { cancelReasonLabel, statusLabel, usableLocale } from '../domain/wording.js';
import type { NotificationDeps } from '../use-cases/deps.js';
import { allowsLive, queueMessage } from '../use-cases/steps/queue-message.js';

/** How to greet and address an order's customer: their account when they have one, the order otherwise. */
async function audienceOf(
  deps: NotificationDeps,
  tx: NotificationExecutor,
  order: { orderId: string; customerId: string | null; email: string },
) {
  const account = order.customerId ? await findRecipient(tx, order.customerId) : undefined;
  const contact = await findOrderContact(tx, order.orderId);
  return {
    name: account?.name ?? contact?.name ?? order.email.split('@')[0]!,
    locale: usableLocale(account?.locale, deps.defaultLocale),
    phone: contact?.phone ?? null,
  };
}

/** These moves are announced by the payment service's own events (payment received, refund): no second email. */
const announcedByPayments = new Set(['paid', 'refunded', 'partially_refunded']);

const orderUrl = (deps: NotificationDeps, orderId: string) =>
  `${deps.shopUrl.replace(/\/+$/, '')}/account/orders/${encodeURIComponent(orderId)}`;

/**
 * Order confirmations and status changes by email (and SMS / push where the
 * customer chose them), and live to the customer's open sockets. The live
 * push happens at the end of the handler, just before its transaction
 * commits: messages carry the event id so a client drops the rare repeat.
 */
export function subscribeOrders(deps: NotificationDeps, events: EventRuntime): void {
  events.subscribe(orderCreated, async (event, { tx }) => {
    const order = event.data;
    await saveOrderContact(tx, {
      orderId: order.orderId,
      number: order.number,
      customerId: order.customerId,
      email: order.email,
      name: order.shippingAddress.name,
      phone: order.shippingAddress.phone,
    });
    const audience = await audienceOf(deps, tx, order);
    await queueMessage(deps, tx, {
      eventId: event.id,
      kind: 'order-confirmation',
      userId: order.customerId,
      email: order.email,
      phone: audience.phone,
      locale: audience.locale,
      data: {
        name: audience.name,
        orderNumber: order.number,
        itemCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
        total: formatMoney(order.totals.totalMinor, order.currency, audience.locale),
        orderUrl: orderUrl(deps, order.orderId),
      },
      url: orderUrl(deps, order.orderId),
    });
    if (order.customerId && (await allowsLive(tx, order.customerId, 'order-confirmation'))) {
      deps.live.toUser(order.customerId, {
        type: event.type,
        eventId: event.id,
        data: { orderId: order.orderId, number: order.number, status: order.status },
      });
    }
  });

  events.subscribe(orderUpdated, async (event, { tx }) => {
    const order = event.data;
    await saveOrderContact(tx, {
      orderId: order.orderId,
      number: order.number,
      customerId: order.customerId,
      email: order.email,
    });
    const audience = await audienceOf(deps, tx, order);
    if (!announcedByPayments.has(order.status))
      await queueMessage(deps, tx, {
        eventId: event.id,
        kind: 'order-status',
        userId: order.customerId,
        email: order.email,
        phone: audience.phone,
        locale: audience.locale,
        data: {
          name: audience.name,
          orderNumber: order.number,
          status: statusLabel(order.status, audience.locale),
          tracking: order.trackingNumber ? `Tracking number: ${order.trackingNumber}` : '',
          orderUrl: orderUrl(deps, order.orderId),
        },
        url: orderUrl(deps, order.orderId),
      });
    if (order.customerId && (await allowsLive(tx, order.customerId, 'order-status'))) {
      deps.live.toUser(order.customerId, {
        type: event.type,
        eventId: event.id,
        data: {
          orderId: order.orderId,
          number: order.number,
          previousStatus: order.previousStatus,
          status: order.status,
          trackingNumber: order.trackingNumber,
          at: order.updatedAt,
        },
      });
    }
  });

  events.subscribe(orderCancelled, async (event, { tx }) => {
    const order = event.data;
    await saveOrderContact(tx, {
      orderId: order.orderId,
      number: order.number,
      customerId: order.customerId,
      email: order.email,
    });
    const audience = await audienceOf(deps, tx, order);
    await queueMessage(deps, tx, {
      eventId: event.id,
      kind: 'order-cancelled',
      userId: order.customerId,
      email: order.email,
      phone: audience.phone,
      locale: audience.locale,
      data: {
        name: audience.name,
        orderNumber: order.number,
        total: formatMoney(order.totalMinor, order.currency, audience.locale),
        reason: cancelReasonLabel(order.reason),
        refundNote: order.refundRequired
          ? 'The amount you paid will be refunded to you.'
          : 'Nothing was charged.',
        orderUrl: orderUrl(deps, order.orderId),
      },
      url: orderUrl(deps, order.orderId),
    });
    if (order.customerId && (await allowsLive(tx, order.customerId, 'order-cancelled'))) {
      deps.live.toUser(order.customerId, {
        type: event.type,
        eventId: event.id,
        data: {
          orderId: order.orderId,
          number: order.number,
          status: 'cancelled',
          reason: order.reason,
          at: order.cancelledAt,
        },
      });
    }
  });

  // A review request is marketing: only customers who opted in get it.
  events.subscribe(orderCompleted, async (event, { tx }) => {
    const order = event.data;
    if (!order.customerId) return;
    if (await allowsLive(tx, order.customerId, 'order-status')) {
      deps.live.toUser(order.customerId, {
        type: event.type,
        eventId: event.id,
        data: { orderId: order.orderId, number: order.number, status: 'completed', at: order.completedAt },
      });
    }
    const audience = await audienceOf(deps, tx, order);
    await queueMessage(deps, tx, {
      eventId: event.id,
      kind: 'review-request',
      userId: order.customerId,
      email: order.email,
      locale: audience.locale,
      data: {
        name: audience.name,
        orderNumber: order.number,
        orderUrl: orderUrl(deps, order.orderId),
        preferencesUrl: `${deps.shopUrl.replace(/\/+$/, '')}/account/notifications`,
      },
      url: orderUrl(deps, order.orderId),
    });
  });
}
