import { type Counter, createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';

/** Business counters of the product service, beside the platform's RED metrics. */
export interface ProductMetrics {
  productsCreated: Counter;
}

export function createProductMetrics(metrics: ServiceMetrics): ProductMetrics {
  return {
    productsCreated: createBusinessCounter(metrics, {
      name: 'products_created_total',
      help: 'Products added to the catalog by an admin',
    }),
  };
}
