import { type Counter, createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';

/** Business counters of the order service, beside the platform's RED metrics. */
export interface OrderMetrics {
  statusChanges: Counter<'from' | 'to'>;
  /** Checkout requests by outcome: placed, replayed, out_of_stock, prices_changed, failed. */
  checkouts: Counter<'outcome'>;
  /** Saga steps run by the worker: step, direction, outcome (done, retry, refused). */
  sagaSteps: Counter<'step' | 'direction' | 'outcome'>;
  cartItemsAdded: Counter;
}

export function createOrderMetrics(metrics: ServiceMetrics): OrderMetrics {
  return {
    statusChanges: createBusinessCounter(metrics, {
      name: 'order_status_changes_total',
      help: 'Order status transitions applied, by from and to status',
      labelNames: ['from', 'to'],
    }),
    checkouts: createBusinessCounter(metrics, {
      name: 'order_checkouts_total',
      help: 'POST /orders outcomes',
      labelNames: ['outcome'],
    }),
    sagaSteps: createBusinessCounter(metrics, {
      name: 'order_saga_steps_total',
      help: 'Checkout saga steps run by the worker, by step, direction and outcome',
      labelNames: ['step', 'direction', 'outcome'],
    }),
    cartItemsAdded: createBusinessCounter(metrics, {
      name: 'order_cart_items_added_total',
      help: 'Lines added to carts',
    }),
  };
}
