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
    modelUpdates: createBusinessCounter(metrics, {
      name: 'recommendation_model_updates_total',
      help: 'Products whose neighbours were recomputed, by model and mode (incremental or rebuild)',
      labelNames: ['model', 'mode'] as const,
    }),
    answers: createBusinessCounter(metrics, {
      name: 'recommendation_answers_total',
      help: 'Recommendation answers, by list and source (model or popularity fallback)',
      labelNames: ['list', 'based_on'] as const,
    }),
  };
}

export type RecommendationMetrics = ReturnType<typeof createRecommendationMetrics>;
