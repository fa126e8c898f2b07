import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * Fixed-window counters (login failures, attempts per client): in memory for
 * one process (embedded), in Redis when `REDIS_URL` is set, so every replica
 * counts the same attempts. A window starts at a key's first hit.
 */
export interface CounterStore {
  /** Adds one and returns the count in the current window and the milliseconds until it ends. */
  hit(key: string, windowMs: number): Promise<CounterState>;
  /** The current count without changing it (0 when no window is open). */
  peek(key: string): Promise<CounterState>;
  reset(key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface CounterState {
  count: number;
  resetInMs: number;
}

export function createCounterStore(settings: {
  redisUrl?: string | undefined;
  prefix: string;
}): CounterStore {
  return settings.redisUrl
    ? createRedisCounterStore(settings.redisUrl, settings.prefix)
    : createMemoryCounterStore();
}

export function createMemoryCounterStore(maxKeys = 100_000): CounterStore {
  // Bounded: a flood of distinct keys evicts the oldest windows instead of growing without limit.
  const windows = new LRUCache<string, { count: number; endsAt: number }>({ max: maxKeys });
  const stateOf = (key: string): CounterState => {
    const window = windows.get(key);
    if (!window || window.endsAt <= Date.now()) return { count: 0, resetInMs: 0 };
    return { count: window.count, resetInMs: window.endsAt - Date.now() };
  };
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      const window = windows.get(key);
      if (!window || window.endsAt <= now) windows.set(key, { count: 1, endsAt: now + windowMs });
      else window.count += 1;
      return stateOf(key);
    },
    async peek(key) {
      return stateOf(key);
    },
    async reset(key) {
      windows.delete(key);
    },
    async ping() {},
    async close() {
      windows.clear();
    },
  };
}

// INCR and the expiry in one step, so a window can never be left without an end.
const hitScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

function createRedisCounterStore(url: string, prefix: string): CounterStore {
  const redis = new Redis(url, {
    keyPrefix: `${prefix}:counter:`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    commandTimeout: 2_000,
  });
  redis.on('error', () => {}); // reconnects on its own; callers see the failing command (→ 503)
  const ready = () =>
    redis.status === 'ready'
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`redis not ready (${redis.status})`)), 3_000);
          redis.once('ready', () => {
            clearTimeout(timer);
            resolve();
          });
        });
  return {
    async hit(key, windowMs) {
      await ready();
      const [count, ttl] = (await redis.eval(hitScript, 1, key, String(windowMs))) as [number, number];
      return { count, resetInMs: ttl };
    },
    async peek(key) {
      await ready();
      const [count, ttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
      if (count === null || ttl < 0) return { count: 0, resetInMs: 0 };
      return { count: Number(count), resetInMs: ttl };
    },
    async reset(key) {
      await ready();
      await redis.del(key);
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
