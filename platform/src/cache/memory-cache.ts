import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';

export function createMemoryCache(options: { maxEntries?: number } = {}): Cache {
  const store = new LRUCache<string, { json: string }>({
    max: options.maxEntries ?? 10_000,
    ttlAutopurge: false,
  });
  return {
    async get<T>(key: string) {
      const entry = store.get(key);
      // Stored as JSON so callers cannot mutate a cached value by reference, as with Redis.
      return entry ? (JSON.parse(entry.json) as T) : undefined;
    },
    async set(key, value, ttlMs) {
      store.set(key, { json: JSON.stringify(value) }, { ttl: ttlMs });
    },
    async delete(...keys) {
      for (const key of keys) store.delete(key);
    },
    async ping() {},
    async close() {
      store.clear();
    },
  };
}
