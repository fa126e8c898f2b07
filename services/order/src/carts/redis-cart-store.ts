import { whenReady } from '@emporium/platform/cache/redis-cache';
import type { Redis } from '@emporium/platform/cache/redis-connection';
import type { Cart } from '../domain/cart.js';
import type { CartStore, StoredCart } from './cart-store.js';

/**
 * Compare-and-set in one round trip: writes the cart only if its version is
 * still the expected one, then restarts the idle clock of the cart and of
 * the customer's link (when it points at this cart).
 * KEYS: cart, customer link (or a dummy). ARGV: expected version, JSON, TTL ms, cart id.
 */
const putScript = `
local current = redis.call('HGET', KEYS[1], 'v')
if (current or '0') ~= ARGV[1] then return -1 end
local version = tonumber(ARGV[1]) + 1
redis.call('HSET', KEYS[1], 'v', version, 'd', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[4] then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
return version`;

/** KEYS: cart, customer link. ARGV: TTL ms, cart id. */
const touchScript = `
if redis.call('PEXPIRE', KEYS[1], ARGV[1]) == 0 then return 0 end
if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
return 1`;

/** KEYS: cart, customer link. ARGV: cart id. */
const deleteScript = `
redis.call('DEL', KEYS[1])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1`;

const cartKey = (id: string) => `cart:${id}`;
const linkKey = (customerId: string | null) => `customer-cart:${customerId ?? '-'}`;

/**
 * Carts in Redis (distributed mode): one hash per cart (`v` version, `d`
 * JSON) with a TTL that every write restarts, and `customer-cart:<id>`
 * pointing at the customer's current cart. Replicas of the order service
 * share them; concurrent writes are refused rather than lost.
 */
export function createRedisCartStore(redis: Redis, options: { idleTtlMs: number }): CartStore {
  const ready = () => whenReady(redis, 2_000);
  const ttl = String(options.idleTtlMs);

  return {
    async get(id): Promise<StoredCart | undefined> {
      await ready();
      const [[, fields], [, remaining]] = (await redis
        .multi()
        .hgetall(cartKey(id))
        .pttl(cartKey(id))
        .exec()) as [[null, Record<string, string>], [null, number]];
      if (!fields.d || !fields.v || remaining <= 0) return undefined;
      return {
        cart: JSON.parse(fields.d) as Cart,
        version: Number(fields.v),
        expiresAt: new Date(Date.now() + remaining),
      };
    },
    async put(cart, expectedVersion) {
      await ready();
      const version = (await redis.eval(
        putScript,
        2,
        cartKey(cart.id),
        linkKey(cart.customerId),
        String(expectedVersion),
        JSON.stringify(cart),
        ttl,
        cart.id,
      )) as number;
      if (version < 0) return undefined;
      return { version, expiresAt: new Date(Date.now() + options.idleTtlMs) };
    },
    async touch(cart) {
      await ready();
      const touched = await redis.eval(
        touchScript,
        2,
        cartKey(cart.id),
        linkKey(cart.customerId),
        ttl,
        cart.id,
      );
      return touched === 1 ? new Date(Date.now() + options.idleTtlMs) : undefined;
    },
    async delete(cart) {
      await ready();
      await redis.eval(deleteScript, 2, cartKey(cart.id), linkKey(cart.customerId), cart.id);
    },
    async cartOfCustomer(customerId) {
      await ready();
      return (await redis.get(linkKey(customerId))) ?? undefined;
    },
    async claimCustomerCart(customerId, cartId) {
      await ready();
      for (let attempt = 0; attempt < 3; attempt += 1) {
        if ((await redis.set(linkKey(customerId), cartId, 'PX', options.idleTtlMs, 'NX')) === 'OK')
          return cartId;
        const existing = await redis.get(linkKey(customerId));
        if (existing) return existing;
      }
      throw new Error('customer cart link keeps changing');
    },
    async ping() {
      await ready();
      await redis.ping();
    },
    async close() {
      redis.disconnect();
    },
  };
}
