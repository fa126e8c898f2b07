import { type Counter, createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';

/** Business counters of the payment service, beside the platform's RED metrics. */
export interface PaymentMetrics {
  ledgerEntries: Counter<'kind'>;
  paymentsCreated: Counter<'provider'>;
  /** Outcome: applied, duplicate, unmatched, deferred, ignored, rejected, invalid. */
  webhooks: Counter<'provider' | 'outcome'>;
  refunds: Counter<'provider' | 'outcome'>;
}

export function createPaymentMetrics(metrics: ServiceMetrics): PaymentMetrics {
  return {
    ledgerEntries: createBusinessCounter(metrics, {
      name: 'payment_ledger_entries_total',
      help: 'Rows appended to the payments ledger, by kind',
      labelNames: ['kind'],
    }),
    paymentsCreated: createBusinessCounter(metrics, {
      name: 'payment_payments_created_total',
      help: 'Payments started, by provider',
      labelNames: ['provider'],
    }),
    webhooks: createBusinessCounter(metrics, {
      name: 'payment_webhooks_total',
      help: 'Provider webhooks received, by provider and outcome',
      labelNames: ['provider', 'outcome'],
    }),
    refunds: createBusinessCounter(metrics, {
      name: 'payment_refunds_total',
      help: 'Refunds asked of providers, by provider and outcome',
      labelNames: ['provider', 'outcome'],
    }),
  };
}
