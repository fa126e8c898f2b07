import { createHash } from 'node:crypto';
import type { ShippingAddress } from './order.js';

export interface CheckoutRequest {
  cartId: string;
  shippingAddress: ShippingAddress;
  email: string;
}

/** JSON with keys sorted at every level: two bodies that mean the same hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Fingerprint of a checkout body, compared when an Idempotency-Key comes back. */
export function checkoutRequestHash(request: CheckoutRequest): string {
  return createHash('sha256')
    .update(canonical({ ...request, email: request.email.toLowerCase() }))
    .digest('hex');
}

/**
 * Keys are the client's and only unique per client: scoped to the customer
 * (or, for a guest, to the cart), so two shoppers choosing the same key never
 * see each other's orders.
 */
export function scopedIdempotencyKey(
  owner: { customerId: string | null; cartId: string },
  key: string,
): string {
  return owner.customerId ? `customer:${owner.customerId}:${key}` : `cart:${owner.cartId}:${key}`;
}
