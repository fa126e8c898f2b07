import { type Counter, createBusinessCounter } from '@emporium/platform/metrics/business-counter';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';

/** Business counters of the search service, beside the platform's RED metrics. */
export interface SearchMetrics {
  searches: Counter<'mode'>;
  zeroResults: Counter;
  /** Index changes from events: indexed, hidden, removed, stale (an older version arrived late), stock. */
  indexChanges: Counter<'outcome'>;
  clicks: Counter;
}

export function createSearchMetrics(metrics: ServiceMetrics): SearchMetrics {
  return {
    searches: createBusinessCounter(metrics, {
      name: 'search_queries_total',
      help: 'Searches run (first pages), by how the query matched: fulltext, fuzzy or all',
      labelNames: ['mode'] as const,
    }),
    zeroResults: createBusinessCounter(metrics, {
      name: 'search_zero_results_total',
      help: 'Searches that found nothing, even with typo tolerance',
    }),
    indexChanges: createBusinessCounter(metrics, {
      name: 'search_index_changes_total',
      help: 'Catalog and stock events applied to the index, by outcome',
      labelNames: ['outcome'] as const,
    }),
    clicks: createBusinessCounter(metrics, {
      name: 'search_clicks_total',
      help: 'Clicks on search hits recorded',
    }),
  };
}
