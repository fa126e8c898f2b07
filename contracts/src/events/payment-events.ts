import { Type } from 'typebox';
import { defineEvent } from './define-event.js';
import { Currency, Id, MinorUnits, Nullable, Timestamp } from './shared-schemas.js';

const payment = {
  paymentId: Id,
  orderId: Id,
  customerId: Nullable(Id),
  amountMinor: MinorUnits,
  currency: Currency,
  provider: Type.String({ description: 'gateway name, e.g. "stripe", "mock"' }),
};

export const paymentInitiated = defineEvent({
  type: 'payment.initiated',
  version: 1,
  producer: 'payment',
  consumers: ['analytics'],
  description: 'A payment for an order was started with a gateway. Subject: order id.',
  payload: Type.Object({ ...payment, initiatedAt: Timestamp }, { additionalProperties: false }),
});

export const paymentCompleted = defineEvent({
  type: 'payment.completed',
  version: 1,
  producer: 'payment',
  consumers: ['order', 'notification', 'analytics'],
  description:
    'The gateway captured the money: the order is confirmed and its reservation committed. Subject: order id.',
  payload: Type.Object(
    { ...payment, providerReference: Type.String(), completedAt: Timestamp },
    { additionalProperties: false },
  ),
});

export const paymentFailed = defineEvent({
  type: 'payment.failed',
  version: 1,
  producer: 'payment',
  consumers: ['order', 'notification', 'analytics'],
  description:
    'The gateway declined or errored: the order is cancelled, its stock released. Subject: order id.',
  payload: Type.Object(
    {
      ...payment,
      reasonCode: Type.String({ description: 'stable code, e.g. "card_declined", "insufficient_funds"' }),
      reason: Type.String(),
      failedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const paymentRefunded = defineEvent({
  type: 'payment.refunded',
  version: 1,
  producer: 'payment',
  consumers: ['order', 'notification', 'analytics'],
  description: 'Money was returned to the customer, in full or in part. Subject: order id.',
  payload: Type.Object(
    {
      ...payment,
      refundId: Id,
      refundedMinor: MinorUnits,
      fullRefund: Type.Boolean(),
      reason: Type.String(),
      refundedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const paymentEvents = [paymentInitiated, paymentCompleted, paymentFailed, paymentRefunded] as const;
