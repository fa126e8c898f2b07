import { afterAll, describe, expect, it } from 'vitest';
import { createCounterStore, createMemoryCounterStore } from './counter-store.js';

const stores = [{ name: 'memory', store: createMemoryCounterStore() }];
if (process.env.REDIS_URL) {
  stores.push({
    name: 'redis',
    store: createCounterStore({
      redisUrl: process.env.REDIS_URL,
      prefix: `test-${process.pid}-${Date.now()}`,
    }),
  });
}
afterAll(async () => {
  for (const { store } of stores) await store.close();
});

describe.each(stores)('counter store ($name)', ({ store }) => {
  it('counts hits in a window, peeks without counting and resets', async () => {
    expect(await store.peek('a')).toEqual({ count: 0, resetInMs: 0 });
    expect((await store.hit('a', 60_000)).count).toBe(1);
    const second = await store.hit('a', 60_000);
    expect(second.count).toBe(2);
    expect(second.resetInMs).toBeGreaterThan(55_000);
    expect(second.resetInMs).toBeLessThanOrEqual(60_000);
    expect((await store.peek('a')).count).toBe(2);
    expect((await store.hit('b', 60_000)).count).toBe(1);
    await store.reset('a');
    expect((await store.peek('a')).count).toBe(0);
    expect((await store.peek('b')).count).toBe(1);
  });

  it('starts a new window once the old one ends', async () => {
    await store.hit('short', 50);
    await store.hit('short', 50);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await store.peek('short')).count).toBe(0);
    expect((await store.hit('short', 50)).count).toBe(1);
  });
});
