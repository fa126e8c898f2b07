import { Type } from 'typebox';
import { defineEvent } from './define-event.js';
import {
  Currency,
  Email,
  Id,
  MinorUnits,
  Nullable,
  PostalAddress,
  Quantity,
  Sku,
  Timestamp,
} from './shared-schemas.js';

/** Every status an order can have; the order service's state machine says how they connect. */
export const orderStatuses = [
  'pending_payment',
  'paid',
  'fulfilled',
  'completed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export type OrderStatusName = (typeof orderStatuses)[number];
export const OrderStatus = Type.Enum(orderStatuses);

const OrderLine = Type.Object(
  { sku: Sku, productId: Id, title: Type.String(), quantity: Quantity, unitPriceMinor: MinorUnits },
  { additionalProperties: false },
);

const OrderTotals = Type.Object(
  {
    subtotalMinor: MinorUnits,
    discountMinor: MinorUnits,
    shippingMinor: MinorUnits,
    taxMinor: MinorUnits,
    totalMinor: MinorUnits,
  },
  { additionalProperties: false },
);

/** Who placed the order: `customerId` is null for a guest checkout, `email` is always there. */
const customer = { customerId: Nullable(Id), email: Email };

export const orderCreated = defineEvent({
  type: 'order.created',
  version: 1,
  producer: 'order',
  consumers: ['notification', 'analytics', 'recommendation'],
  description: 'An order was placed from a cart, its stock reserved; it awaits payment. Subject: order id.',
  payload: Type.Object(
    {
      orderId: Id,
      number: Type.String({ description: 'human-facing order number' }),
      ...customer,
      currency: Currency,
      lines: Type.Array(OrderLine, { minItems: 1 }),
      totals: OrderTotals,
      shippingAddress: PostalAddress,
      status: Type.Literal('pending_payment'),
      placedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const orderUpdated = defineEvent({
  type: 'order.updated',
  version: 1,
  producer: 'order',
  consumers: ['notification', 'analytics'],
  description: 'An order moved from one status to another. Subject: order id.',
  payload: Type.Object(
    {
      orderId: Id,
      number: Type.String(),
      ...customer,
      previousStatus: OrderStatus,
      status: OrderStatus,
      trackingNumber: Nullable(Type.String()),
      updatedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const orderCancelled = defineEvent({
  type: 'order.cancelled',
  version: 1,
  producer: 'order',
  consumers: ['inventory', 'notification', 'analytics', 'recommendation'],
  description:
    'An order was cancelled (by the customer, an admin, a failed payment or an expired reservation): ' +
    'inventory releases its stock, payment refunds what was captured. Subject: order id.',
  payload: Type.Object(
    {
      orderId: Id,
      number: Type.String(),
      ...customer,
      currency: Currency,
      totalMinor: MinorUnits,
      lines: Type.Array(Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false })),
      reason: Type.Enum([
        'customer_request',
        'admin',
        'payment_failed',
        'reservation_expired',
        'reservation_failed',
      ]),
      refundRequired: Type.Boolean({ description: 'true when money was captured and must be returned' }),
      cancelledAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const orderCompleted = defineEvent({
  type: 'order.completed',
  version: 1,
  producer: 'order',
  // product: marks reviews by the buyer as verified purchases.
  consumers: ['notification', 'analytics', 'recommendation', 'product'],
  description: 'An order was delivered and closed; its lines count as purchases. Subject: order id.',
  payload: Type.Object(
    {
      orderId: Id,
      number: Type.String(),
      ...customer,
      currency: Currency,
      totalMinor: MinorUnits,
      lines: Type.Array(OrderLine, { minItems: 1 }),
      completedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const orderEvents = [orderCreated, orderUpdated, orderCancelled, orderCompleted] as const;
