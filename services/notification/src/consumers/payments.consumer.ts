import { paymentCompleted, paymentFailed, paymentRefunded } from '@emporium/contracts/events/payment-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { findOrderContact } from '../db/order-contacts.repo.js';
import { findRecipient } from '../db/recipients.repo.js';
import type { MessageKind } from '../domain/message-kinds.js';
import { formatMoney } from '../domain/money.js';
import { usableLocale } from '../domain/wording.js';
import type { NotificationDeps } from '../use-cases/deps.js';
import { allowsLive, queueMessage } from '../use-cases/steps/queue-message.js';

/** Thrown while the order this payment is for is not known here yet: the event is retried, then dead-lettered. */
export class OrderNotKnownYet extends Error {
  override name = 'OrderNotKnownYet';
}

const kinds = {
  'payment.completed': 'payment-received',
  'payment.failed': 'payment-failed',
  'payment.refunded': 'payment-refunded',
} as const satisfies Record<string, MessageKind>;

/**
 * Payment outcomes to the payer. Payment events name the order and customer
 * only; the address and order number come from what order events left here
 * (a guest has no account), so a payment event that overtakes its
 * order.created is retried until that arrives.
 */
export function subscribePayments(deps: NotificationDeps, events: EventRuntime): void {
  events.subscribe([paymentCompleted, paymentFailed, paymentRefunded], async (event, { tx }) => {
    const payment = event.data;
    const contact = await findOrderContact(tx, payment.orderId);
    const account = payment.customerId ? await findRecipient(tx, payment.customerId) : undefined;
    const email = contact?.email ?? account?.email;
    if (!email) throw new OrderNotKnownYet(`no contact for order ${payment.orderId} yet`);
    const locale = usableLocale(account?.locale, deps.defaultLocale);
    const number = contact?.number ?? payment.orderId;
    const kind = kinds[event.type];
    const amountMinor = 'refundedMinor' in payment ? payment.refundedMinor : payment.amountMinor;
    const orderUrl = `${deps.shopUrl.replace(/\/+$/, '')}/account/orders/${encodeURIComponent(payment.orderId)}`;
    await queueMessage(deps, tx, {
      eventId: event.id,
      kind,
      userId: payment.customerId,
      email,
      phone: contact?.phone ?? null,
      locale,
      data: {
        name: account?.name ?? contact?.name ?? email.split('@')[0]!,
        orderNumber: number,
        amount: formatMoney(amountMinor, payment.currency, locale),
        ...('reason' in payment ? { reason: payment.reason } : {}),
        orderUrl,
      },
      url: orderUrl,
    });
    if (payment.customerId && (await allowsLive(tx, payment.customerId, kind))) {
      deps.live.toUser(payment.customerId, {
        type: event.type,
        eventId: event.id,
        data: {
          orderId: payment.orderId,
          number,
          paymentId: payment.paymentId,
          amountMinor,
          currency: payment.currency,
        },
      });
    }
  });
}
