import { type Counter, createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';

/** Business counters of the user service, beside the platform's RED metrics. */
export interface UserMetrics {
  registrations: Counter;
}

export function createUserMetrics(metrics: ServiceMetrics): UserMetrics {
  return {
    registrations: createBusinessCounter(metrics, {
      name: 'users_registered_total',
      help: 'Accounts created by registration',
    }),
  };
}
