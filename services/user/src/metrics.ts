import { type Counter, createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';

/** Business counters of the user service, beside the platform's RED metrics. */
export interface UserMetrics {
  registrations: Counter;
  logins: Counter<'method' | 'outcome'>;
  refreshReuse: Counter;
}

export function createUserMetrics(metrics: ServiceMetrics): UserMetrics {
  return {
    registrations: createBusinessCounter(metrics, {
      name: 'users_registered_total',
      help: 'Accounts created by registration',
    }),
    logins: createBusinessCounter(metrics, {
      name: 'user_logins_total',
      help: 'Sign-in attempts by method (password, oauth) and outcome (success, failure, throttled)',
      labelNames: ['method', 'outcome'],
    }),
    refreshReuse: createBusinessCounter(metrics, {
      name: 'user_refresh_token_reuse_total',
      help: 'Rotated refresh tokens presented again: each revoked a whole session family',
    }),
  };
}
