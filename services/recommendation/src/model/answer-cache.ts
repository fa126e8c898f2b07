import type { Cache } from '@emporium/platform/cache/cache';
import type { Logger } from '@emporium/platform/log/logger';

/** Cache keys of the answers; lists are cached unfiltered (stock is checked on every read). */
export const cacheKeys = {
  similar: (productId: string) => `similar:${productId}`,
  boughtTogether: (productId: string) => `bought:${productId}`,
  forYou: (actor: string) => `for-you:${actor}`,
  popular: 'popular',
};

/** Whose "for you" answer a cache entry holds. */
export function shopperKey(shopper: { userId?: string | undefined; sessionId?: string | undefined }): string {
  return `${shopper.userId ?? '-'}|${shopper.sessionId ?? '-'}`;
}

/** The answer from the cache, else computed and cached for `ttlMs`. A failing cache only costs speed. */
export async function cached<T>(
  cache: Cache,
  logger: Logger,
  key: string,
  ttlMs: number,
  compute: () => Promise<T>,
): Promise<T> {
  if (ttlMs > 0) {
    const hit = await cache.get<T>(key).catch((error: unknown) => {
      logger.warn({ err: error, key }, 'recommendation cache read failed');
      return undefined;
    });
    if (hit !== undefined) return hit;
  }
  const value = await compute();
  if (ttlMs > 0) {
    await cache.set(key, value, ttlMs).catch((error: unknown) => {
      logger.warn({ err: error, key }, 'recommendation cache write failed');
    });
  }
  return value;
}

/** Drops the cached lists of products whose neighbours were just rewritten. */
export async function forgetProducts(
  cache: Cache,
  logger: Logger,
  productIds: Iterable<string>,
): Promise<void> {
  const keys = [...new Set(productIds)].flatMap((id) => [
    cacheKeys.similar(id),
    cacheKeys.boughtTogether(id),
  ]);
  for (let i = 0; i < keys.length; i += 500) {
    await cache.delete(...keys.slice(i, i + 500)).catch((error: unknown) => {
      logger.warn({ err: error }, 'recommendation cache delete failed');
    });
  }
}

/**
 * The runtime cache under the event namespace: shops (and test runs) that
 * share a Redis and a broker under different namespaces never read each
 * other's answers. Production's namespace is usually empty: keys unchanged.
 */
export function namespacedCache(cache: Cache, namespace: string): Cache {
  if (namespace === '') return cache;
  const key = (k: string) => `${namespace}${k}`;
  return {
    get: (k) => cache.get(key(k)),
    set: (k, value, ttlMs) => cache.set(key(k), value, ttlMs),
    delete: (...keys) => cache.delete(...keys.map(key)),
    ping: () => cache.ping(),
    close: () => cache.close(),
  };
}
