import type { Cache } from './cache.js';
import { createMemoryCache } from './memory-cache.js';
import { createRedisCache } from './redis-cache.js';

export function createCache(settings: { redisUrl?: string | undefined; prefix: string }): Cache {
  return settings.redisUrl
    ? createRedisCache({ url: settings.redisUrl, prefix: settings.prefix })
    : createMemoryCache();
}
