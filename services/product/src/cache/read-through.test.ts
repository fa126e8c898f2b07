import { createMemoryCache } from '@emporium/platform/cache/memory-cache';
import { createLogger } from '@emporium/platform/log/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReadThrough } from './read-through.js';

const logger = createLogger({ service: 'product-test', version: '0', level: 'silent' });
const settings = { freshMs: 1_000, staleMs: 5_000, keyPrefix: 't:', redeleteAfterMs: 10 };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('read-through cache', () => {
  it('loads a cold key once for fifty concurrent readers, then serves it from the cache', async () => {
    const cache = createReadThrough(createMemoryCache(), settings, logger);
    const gate = deferred<string>();
    const loader = vi.fn(() => gate.promise);
    const reads = Array.from({ length: 50 }, () => cache.get('product', 'a', loader));
    gate.resolve('A');
    expect(await Promise.all(reads)).toEqual(Array(50).fill('A'));
    expect(await cache.get('product', 'a', loader)).toBe('A');
    expect(loader).toHaveBeenCalledTimes(1);
    cache.close();
  });

  it('never stores what a load read before an invalidation', async () => {
    const cache = createReadThrough(createMemoryCache(), settings, logger);
    const gate = deferred<string>();
    const loader = vi.fn(() => gate.promise);
    const first = cache.get('product', 'a', loader);
    await vi.waitFor(() => expect(loader).toHaveBeenCalled());
    await cache.invalidate([['product', 'a']]);
    gate.resolve('old');
    expect(await first).toBe('old');
    expect(await cache.get('product', 'a', async () => 'new')).toBe('new');
    cache.close();
  });

  it('serves a stale entry while one refresh runs, then the refreshed value', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = createReadThrough(createMemoryCache(), settings, logger);
    await cache.get('product', 'a', async () => 'v1');
    vi.setSystemTime(Date.now() + 2_000);
    const gate = deferred<string>();
    const loader = vi.fn(() => gate.promise);
    const stale = await Promise.all([1, 2, 3].map(() => cache.get('product', 'a', loader)));
    expect(stale).toEqual(['v1', 'v1', 'v1']);
    expect(loader).toHaveBeenCalledTimes(1);
    gate.resolve('v2');
    await vi.waitFor(async () => expect(await cache.get('product', 'a', loader)).toBe('v2'));
    cache.close();
  });

  it('reads from the loader when the cache store fails', async () => {
    const broken = createMemoryCache();
    broken.get = async () => {
      throw new Error('redis down');
    };
    const cache = createReadThrough(broken, settings, logger);
    expect(await cache.get('product', 'a', async () => 'A')).toBe('A');
    cache.close();
  });
});
