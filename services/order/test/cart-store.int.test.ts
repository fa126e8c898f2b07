import { randomBytes, randomUUID } from 'node:crypto';
import { createRedisConnection } from '@emporium/platform/cache/redis-connection';
import { afterAll, describe, expect, it } from 'vitest';
import type { CartStore } from '../src/carts/cart-store.js';
import { createMemoryCartStore } from '../src/carts/memory-cart-store.js';
import { createRedisCartStore } from '../src/carts/redis-cart-store.js';
import { addToCart, newCart } from '../src/domain/cart.js';

const idleTtlMs = 400;
const stores: Array<[string, () => CartStore]> = [
  ['memory', () => createMemoryCartStore({ idleTtlMs, sweepIntervalMs: 100 })],
];
if (process.env.REDIS_URL) {
  const url = process.env.REDIS_URL;
  stores.push([
    'redis',
    () =>
      createRedisCartStore(
        createRedisConnection({ url, prefix: `order-test-${randomBytes(4).toString('hex')}` }),
        { idleTtlMs },
      ),
  ]);
}
const opened: CartStore[] = [];
afterAll(async () => {
  for (const store of opened) await store.close();
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const limits = { maxLines: 10, maxQuantityPerLine: 10 };

describe.each(stores)('cart store on %s', (_name, make) => {
  const store = make();
  opened.push(store);

  it('writes only over the version it read: of concurrent writers, one wins', async () => {
    const cart = newCart({ id: randomUUID(), customerId: null, tokenHash: 'h' });
    const first = await store.put(cart, 0);
    expect(first?.version).toBe(1);
    expect(await store.put(cart, 0)).toBeUndefined(); // it exists already
    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.put(
          addToCart(cart, { sku: `S${i}`, quantity: 1, unitPriceMinor: 1, currency: 'EUR' }, limits),
          1,
        ),
      ),
    );
    expect(writes.filter(Boolean)).toHaveLength(1);
    const stored = await store.get(cart.id);
    expect(stored?.version).toBe(2);
    expect(stored?.cart.lines).toHaveLength(1);
    expect(stored!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('forgets a cart left idle, and every use restarts its clock', async () => {
    const idle = newCart({ id: randomUUID(), customerId: null, tokenHash: 'h' });
    const used = newCart({ id: randomUUID(), customerId: null, tokenHash: 'h' });
    await store.put(idle, 0);
    await store.put(used, 0);
    for (let i = 0; i < 4; i += 1) {
      await sleep(idleTtlMs / 2);
      expect(await store.touch(used)).toBeInstanceOf(Date);
    }
    expect(await store.get(idle.id)).toBeUndefined();
    expect(await store.get(used.id)).toBeDefined();
    expect(await store.touch(idle)).toBeUndefined();
    expect(await store.put(idle, 1)).toBeUndefined(); // gone, not resurrected by a stale writer
  });

  it('keeps one current cart per customer, linked until the cart goes', async () => {
    const customerId = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    const winners = await Promise.all([
      store.claimCustomerCart(customerId, a),
      store.claimCustomerCart(customerId, b),
    ]);
    expect(new Set(winners).size).toBe(1);
    const cart = newCart({ id: winners[0]!, customerId, tokenHash: null });
    await store.put(cart, 0);
    expect(await store.cartOfCustomer(customerId)).toBe(cart.id);
    await store.delete(cart);
    expect(await store.cartOfCustomer(customerId)).toBeUndefined();
    expect(await store.get(cart.id)).toBeUndefined();

    const other = randomUUID();
    expect(await store.claimCustomerCart(other, a)).toBe(a);
    await sleep(idleTtlMs + 200);
    expect(await store.cartOfCustomer(other)).toBeUndefined();
  });
});
