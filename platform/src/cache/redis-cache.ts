import { Redis } from 'ioredis';
import type { Cache } from './cache.js';

/** Waits for the connection (at boot, or while reconnecting) instead of failing at once. */
export function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`redis not ready (${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

/**
 * Redis-backed cache. Keys are prefixed by service so replicas of one service
 * share entries and services never read each other's. Commands fail fast
 * while Redis is down (no offline queue), so a request gets a 503, not a hang.
 */
export function createRedisCache(options: { url: string; prefix: string }): Cache {
  const redis = new Redis(options.url, {
    keyPrefix: `${options.prefix}:`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    commandTimeout: 2_000,
    lazyConnect: false,
  });
  redis.on('error', () => {}); // reconnects on its own; readiness reports the outage
  return {
    async get<T>(key: string) {
      const raw = await redis.get(key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    },
    async set(key, value, ttlMs) {
      await redis.set(key, JSON.stringify(value), 'PX', ttlMs);
    },
    async delete(...keys) {
      if (keys.length > 0) await redis.del(...keys);
    },
    async ping() {
      await whenReady(redis, 1_500);
      await redis.ping();
    },
    async close() {
      redis.disconnect();
    },
  };
}
