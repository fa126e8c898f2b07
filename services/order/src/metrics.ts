import { type Counter, createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';

/** Business counters of the order service, beside the platform's RED metrics. */
export interface OrderMetrics {
  statusChanges: Counter<'from' | 'to'>;
}

export function createOrderMetrics(metrics: ServiceMetrics): OrderMetrics {
  return {
    statusChanges: createBusinessCounter(metrics, {
      name: 'order_status_changes_total',
      help: 'Order status transitions applied, by from and to status',
      labelNames: ['from', 'to'],
    }),
  };
}
