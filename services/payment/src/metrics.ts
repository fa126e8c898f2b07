import { type Counter, createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';

/** Business counters of the payment service, beside the platform's RED metrics. */
export interface PaymentMetrics {
  ledgerEntries: Counter<'kind'>;
}

export function createPaymentMetrics(metrics: ServiceMetrics): PaymentMetrics {
  return {
    ledgerEntries: createBusinessCounter(metrics, {
      name: 'payment_ledger_entries_total',
      help: 'Rows appended to the payments ledger, by kind',
      labelNames: ['kind'],
    }),
  };
}
