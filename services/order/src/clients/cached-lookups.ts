import type { Cache } from '@emporium/platform/cache/cache';
import type { RequestContext } from '@emporium/platform/http/request-context';
import type { Logger } from '@emporium/platform/log/logger';
import type { InventoryClient } from './inventory.client.js';
import type { ProductClient, SkuPrice } from './product.client.js';

/**
 * Prices and availability as carts show them: asked of the product and
 * inventory services and reused for a few seconds (Redis or memory), so a
 * busy cart page does not hit them on every read. Checkout never uses these:
 * it asks afresh. A cache that fails is skipped, never fatal.
 */
export interface CartLookups {
  skuPrice(ctx: RequestContext, sku: string): Promise<SkuPrice | undefined>;
  available(ctx: RequestContext, sku: string): Promise<number | undefined>;
  /** Stores a price just read afresh (checkout), so the next cart view shows it rather than an older one. */
  rememberPrice(price: SkuPrice): Promise<void>;
}

export function createCartLookups(deps: {
  cache: Cache;
  ttlMs: number;
  product: ProductClient;
  inventory: InventoryClient;
  logger: Logger;
}): CartLookups {
  // One load per key at a time: a burst of reads of one SKU asks its service once, not once each.
  const inFlight = new Map<string, Promise<unknown>>();
  function once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const pending = inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const started = load().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  }

  async function cached<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (deps.ttlMs <= 0) return once(key, load);
    const hit = await deps.cache.get<{ value: T | null }>(key).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'cart lookup cache unavailable');
      return undefined;
    });
    if (hit) return hit.value ?? undefined;
    return once(key, async () => {
      const value = await load();
      // Misses are cached too: a SKU that is not sold is asked about again only after the TTL.
      await deps.cache.set(key, { value: value ?? null }, deps.ttlMs).catch(() => {});
      return value;
    });
  }

  const priceKey = (sku: string) => `sku-price:${sku}`;
  return {
    skuPrice: (ctx, sku) => cached(priceKey(sku), () => deps.product.skuPrice(ctx, sku)),
    available: (ctx, sku) => cached(`sku-available:${sku}`, () => deps.inventory.available(ctx, sku)),
    async rememberPrice(price) {
      if (deps.ttlMs > 0)
        await deps.cache.set(priceKey(price.sku), { value: price }, deps.ttlMs).catch(() => {});
    },
  };
}
