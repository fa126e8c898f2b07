import type { Cart } from '../domain/cart.js';

export interface StoredCart {
  cart: Cart;
  /** Bumped by every write: a write based on an older read is refused, never lost silently. */
  version: number;
  /** When the cart disappears unless it is used again (idle expiry). */
  expiresAt: Date;
}

/**
 * Where carts live: Redis when `REDIS_URL` is set (replicas share carts),
 * memory otherwise (embedded). Every write and `touch` restarts the cart's
 * idle clock; a customer's current cart is found through a per-customer link
 * that expires with it.
 */
export interface CartStore {
  get(id: string): Promise<StoredCart | undefined>;
  /**
   * Writes the cart if its stored version is still `expectedVersion` (0: it
   * must not exist yet). Undefined when another write came first.
   */
  put(cart: Cart, expectedVersion: number): Promise<{ version: number; expiresAt: Date } | undefined>;
  /** Restarts the idle clock of a cart (and its customer link) that was only read; its new expiry. */
  touch(cart: Cart): Promise<Date | undefined>;
  /** Removes the cart, and its customer's link when it points at this cart. */
  delete(cart: Cart): Promise<void>;
  /** The id of the customer's current cart, if they have one. */
  cartOfCustomer(customerId: string): Promise<string | undefined>;
  /** Makes `cartId` the customer's current cart unless they have one; returns the one that won. */
  claimCustomerCart(customerId: string, cartId: string): Promise<string>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
