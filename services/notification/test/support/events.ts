import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { inventoryLowStock, inventoryOutOfStock } from '@emporium/contracts/events/inventory-events';
import { orderCompleted, orderCreated, orderUpdated } from '@emporium/contracts/events/order-events';
import { paymentCompleted } from '@emporium/contracts/events/payment-events';
import { userPasswordResetRequested, userRegistered } from '@emporium/contracts/events/user-events';

/** Event envelopes as the producing services write them, with test defaults. */
const now = () => new Date().toISOString();

export const registered = (user: {
  userId: string;
  email: string;
  name: string;
  locale?: string;
  marketingOptIn?: boolean;
  verificationUrl?: string;
}) =>
  createEnvelope(userRegistered, {
    subject: user.userId,
    data: {
      userId: user.userId,
      email: user.email,
      name: user.name,
      locale: user.locale ?? 'en',
      marketingOptIn: user.marketingOptIn ?? false,
      registeredAt: now(),
      ...(user.verificationUrl
        ? { verificationUrl: user.verificationUrl, verificationExpiresAt: '2030-01-02T03:04:05.000Z' }
        : {}),
    },
  });

export const passwordReset = (user: { userId: string; email: string; name: string }) =>
  createEnvelope(userPasswordResetRequested, {
    subject: user.userId,
    data: {
      ...user,
      locale: 'en',
      resetUrl: 'https://shop.example/reset?token=secret-token',
      expiresAt: '2030-01-01T00:00:00.000Z',
    },
  });

export const orderPlaced = (order: {
  orderId?: string;
  customerId: string | null;
  email: string;
  number?: string;
  phone?: string;
}) => {
  const orderId = order.orderId ?? randomUUID();
  return createEnvelope(orderCreated, {
    subject: orderId,
    data: {
      orderId,
      number: order.number ?? `EMP-${orderId.slice(0, 6)}`,
      customerId: order.customerId,
      email: order.email,
      currency: 'EUR',
      lines: [{ sku: 'SKU-1', productId: 'p-1', title: 'Lamp', quantity: 2, unitPriceMinor: 1_250 }],
      totals: { subtotalMinor: 2_500, discountMinor: 0, shippingMinor: 490, taxMinor: 0, totalMinor: 2_990 },
      shippingAddress: {
        name: 'Grace Hopper',
        line1: '1 Main St',
        city: 'Berlin',
        postalCode: '10115',
        country: 'DE',
        ...(order.phone ? { phone: order.phone } : {}),
      },
      status: 'pending_payment',
      placedAt: now(),
    },
  });
};

export const statusChanged = (
  order: { orderId: string; customerId: string | null; email: string; number: string },
  status: 'paid' | 'fulfilled',
  trackingNumber: string | null = null,
) =>
  createEnvelope(orderUpdated, {
    subject: order.orderId,
    data: {
      orderId: order.orderId,
      customerId: order.customerId,
      email: order.email,
      number: order.number,
      previousStatus: status === 'paid' ? 'pending_payment' : 'paid',
      status,
      trackingNumber,
      updatedAt: now(),
    },
  });

export const completed = (order: { orderId: string; customerId: string; email: string; number: string }) =>
  createEnvelope(orderCompleted, {
    subject: order.orderId,
    data: {
      orderId: order.orderId,
      customerId: order.customerId,
      email: order.email,
      number: order.number,
      currency: 'EUR',
      totalMinor: 2_990,
      lines: [{ sku: 'SKU-1', productId: 'p-1', title: 'Lamp', quantity: 2, unitPriceMinor: 1_250 }],
      completedAt: now(),
    },
  });

export const paid = (payment: { orderId: string; customerId: string | null }) =>
  createEnvelope(paymentCompleted, {
    subject: payment.orderId,
    data: {
      paymentId: randomUUID(),
      ...payment,
      amountMinor: 2_990,
      currency: 'EUR',
      provider: 'sandbox',
      providerReference: 'ref-1',
      completedAt: now(),
    },
  });

export const lowStock = (sku: string) =>
  createEnvelope(inventoryLowStock, {
    subject: sku,
    data: { sku, warehouseId: 'eu-1', available: 2, threshold: 5, detectedAt: now() },
  });

export const outOfStock = (sku: string) =>
  createEnvelope(inventoryOutOfStock, {
    subject: sku,
    data: { sku, warehouseId: 'eu-1', totalAvailable: 0, detectedAt: now() },
  });
