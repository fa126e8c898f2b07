import type { OrderStatus } from './order-statuses.js';
import type { OrderTotals, PricedLine } from './order-totals.js';

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone?: string | undefined;
}

export interface Order extends OrderTotals {
  id: string;
  number: string;
  /** The user service's id of the customer; null for a guest checkout. */
  customerId: string | null;
  email: string;
  status: OrderStatus;
  /** ISO 4217. */
  currency: string;
  shippingAddress: ShippingAddress;
  createdAt: Date;
  updatedAt: Date;
}

export interface StatusChange {
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  /** Who made the change: a user id, `admin`, or the saga step (`system:<step>`). */
  actor: string;
  reason: string | null;
  at: Date;
}

export interface OrderDetail extends Order {
  lines: PricedLine[];
  history: StatusChange[];
}
