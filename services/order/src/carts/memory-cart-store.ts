import type { Cart } from '../domain/cart.js';
import type { CartStore, StoredCart } from './cart-store.js';

interface Entry {
  json: string;
  version: number;
  expiresAt: number;
}

/**
 * Carts in this process's memory (embedded mode, one instance). Values are
 * kept as JSON, as Redis keeps them, so a caller can never mutate a stored
 * cart by accident. Expired entries vanish on access and in a periodic sweep.
 */
export function createMemoryCartStore(options: { idleTtlMs: number; sweepIntervalMs?: number }): CartStore {
  const carts = new Map<string, Entry>();
  const customerCarts = new Map<string, { cartId: string; expiresAt: number }>();
  const live = <T extends { expiresAt: number }>(entry: T | undefined) =>
    entry && entry.expiresAt > Date.now() ? entry : undefined;

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, entry] of carts) if (entry.expiresAt <= now) carts.delete(id);
    for (const [id, link] of customerCarts) if (link.expiresAt <= now) customerCarts.delete(id);
  }, options.sweepIntervalMs ?? 60_000);
  sweep.unref();

  const refreshLink = (cart: Cart, expiresAt: number) => {
    if (!cart.customerId) return;
    const link = live(customerCarts.get(cart.customerId));
    if (link?.cartId === cart.id) link.expiresAt = expiresAt;
  };

  return {
    async get(id): Promise<StoredCart | undefined> {
      const entry = live(carts.get(id));
      if (!entry) return undefined;
      return {
        cart: JSON.parse(entry.json) as Cart,
        version: entry.version,
        expiresAt: new Date(entry.expiresAt),
      };
    },
    async put(cart, expectedVersion) {
      const current = live(carts.get(cart.id));
      if ((current?.version ?? 0) !== expectedVersion) return undefined;
      const expiresAt = Date.now() + options.idleTtlMs;
      const version = expectedVersion + 1;
      carts.set(cart.id, { json: JSON.stringify(cart), version, expiresAt });
      refreshLink(cart, expiresAt);
      return { version, expiresAt: new Date(expiresAt) };
    },
    async touch(cart) {
      const entry = live(carts.get(cart.id));
      if (!entry) return undefined;
      entry.expiresAt = Date.now() + options.idleTtlMs;
      refreshLink(cart, entry.expiresAt);
      return new Date(entry.expiresAt);
    },
    async delete(cart) {
      carts.delete(cart.id);
      if (cart.customerId && customerCarts.get(cart.customerId)?.cartId === cart.id) {
        customerCarts.delete(cart.customerId);
      }
    },
    async cartOfCustomer(customerId) {
      return live(customerCarts.get(customerId))?.cartId;
    },
    async claimCustomerCart(customerId, cartId) {
      const existing = live(customerCarts.get(customerId));
      if (existing) return existing.cartId;
      customerCarts.set(customerId, { cartId, expiresAt: Date.now() + options.idleTtlMs });
      return cartId;
    },
    async ping() {},
    async close() {
      clearInterval(sweep);
    },
  };
}
