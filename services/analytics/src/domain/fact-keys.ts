import { createHash } from 'node:crypto';

/**
 * One key per customer across their orders: the account id, or for a guest
 * `guest:` + a hash of the lower-cased email, so guests are told apart and
 * recognised when they come back without analytics keeping their address.
 */
export function customerKeyOf(customerId: string | null, email: string): string {
  if (customerId !== null) return customerId;
  return `guest:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
}

/**
 * Who did something in the storefront, for the funnel: the signed-in user
 * (the same key their orders get), else the anonymous session, else the cart.
 */
export function visitorKeyOf(who: {
  userId: string | null;
  sessionId: string | null;
  cartId?: string | undefined;
}): string {
  if (who.userId !== null) return who.userId;
  if (who.sessionId !== null) return `session:${who.sessionId}`;
  return `cart:${who.cartId ?? 'unknown'}`;
}

/** A search's text as the terms report groups it: trimmed, lower case, inner spaces collapsed. */
export const searchTermOf = (query: string): string => query.trim().toLowerCase().replace(/\s+/g, ' ');

/** Order statuses that mean the money was taken at some point (refunds are subtracted separately). */
export const paidStatuses: readonly string[] = [
  'paid',
  'fulfilled',
  'completed',
  'refunded',
  'partially_refunded',
];
