import { Type } from 'typebox';
import type { Order, OrderDetail } from '../domain/order.js';
import { orderStatuses } from '../domain/order-statuses.js';

export const OrderId = Type.String({ format: 'uuid' });
export const Sku = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
export const OrderStatus = Type.Enum(orderStatuses);
const Minor = Type.Integer({ minimum: 0 });

export const ShippingAddress = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    line1: Type.String({ minLength: 1, maxLength: 200 }),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Type.String({ minLength: 1, maxLength: 120 }),
    region: Type.Optional(Type.String({ maxLength: 120 })),
    postalCode: Type.String({ minLength: 1, maxLength: 20 }),
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

const orderFields = {
  id: OrderId,
  number: Type.String(),
  customerId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  email: Type.String(),
  status: OrderStatus,
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  subtotalMinor: Minor,
  shippingMinor: Minor,
  taxMinor: Minor,
  discountMinor: Minor,
  totalMinor: Minor,
  shippingAddress: ShippingAddress,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const OrderSummary = Type.Object(orderFields, { additionalProperties: false });

const OrderLine = Type.Object(
  {
    sku: Type.String(),
    productId: Type.String(),
    title: Type.String(),
    unitPriceMinor: Minor,
    quantity: Type.Integer({ minimum: 1 }),
    lineTotalMinor: Minor,
  },
  { additionalProperties: false },
);

const StatusChange = Type.Object(
  {
    fromStatus: Type.Union([OrderStatus, Type.Null()]),
    toStatus: OrderStatus,
    actor: Type.String(),
    reason: Type.Union([Type.String(), Type.Null()]),
    at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const OrderView = Type.Object(
  { ...orderFields, lines: Type.Array(OrderLine), history: Type.Array(StatusChange) },
  { additionalProperties: false },
);

export function toOrderSummary(order: Order) {
  return { ...order, createdAt: order.createdAt.toISOString(), updatedAt: order.updatedAt.toISOString() };
}

export function toOrderView(order: OrderDetail) {
  return {
    ...toOrderSummary(order),
    lines: order.lines,
    history: order.history.map((change) => ({ ...change, at: change.at.toISOString() })),
  };
}

export const CheckoutInput = Type.Object(
  {
    cartId: Type.String({ format: 'uuid' }),
    shippingAddress: ShippingAddress,
    email: Type.String({ format: 'email', maxLength: 254 }),
  },
  { additionalProperties: false },
);
