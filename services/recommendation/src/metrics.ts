import { createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';

/** Business counters, beside the platform's RED metrics on the same registry. */
export function createRecommendationMetrics(metrics: ServiceMetrics) {
  return {
    behaviourEvents: createBusinessCounter(metrics, {
      name: 'recommendation_behaviour_events_total',
      help: 'Behaviour events accepted, by kind',
      labelNames: ['kind'] as const,
    }),
  };
}

export type RecommendationMetrics = ReturnType<typeof createRecommendationMetrics>;
