import { type Counter, createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';

/** Business counters of the product service, beside the platform's RED metrics. */
export interface ProductMetrics {
  productsCreated: Counter;
  reviewsPosted: Counter;
  imagesUploaded: Counter;
  /** Reads that went to the database because the cache had nothing (one per key per process at a time). */
  cacheLoads: Counter<'kind'>;
  cacheHits: Counter<'kind'>;
}

export function createProductMetrics(metrics: ServiceMetrics): ProductMetrics {
  return {
    productsCreated: createBusinessCounter(metrics, {
      name: 'products_created_total',
      help: 'Products added to the catalog by an admin or an import',
    }),
    reviewsPosted: createBusinessCounter(metrics, {
      name: 'product_reviews_posted_total',
      help: 'Reviews customers posted (before moderation)',
    }),
    imagesUploaded: createBusinessCounter(metrics, {
      name: 'product_images_uploaded_total',
      help: 'Product images accepted and resized',
    }),
    cacheLoads: createBusinessCounter(metrics, {
      name: 'product_cache_loads_total',
      help: 'Cached reads answered from the database (cold or refreshed key)',
      labelNames: ['kind'],
    }),
    cacheHits: createBusinessCounter(metrics, {
      name: 'product_cache_hits_total',
      help: 'Cached reads answered from the cache',
      labelNames: ['kind'],
    }),
  };
}
