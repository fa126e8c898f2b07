import { Redis } from 'ioredis';

export type { Redis };

/**
 * A Redis connection for a service's own data structures (carts, locks),
 * beside the JSON cache of `create-cache.ts`: the same fail-fast settings
 * (no offline queue, short timeouts), so an outage answers 503 instead of
 * hanging, and keys prefixed by service so services never share them.
 */
export function createRedisConnection(options: { url: string; prefix: string }): Redis {
  const redis = new Redis(options.url, {
    keyPrefix: `${options.prefix}:`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    commandTimeout: 2_000,
  });
  redis.on('error', () => {}); // reconnects on its own; readiness reports the outage
  return redis;
}
