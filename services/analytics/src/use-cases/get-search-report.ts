import { searchStats, type TermStats } from '../db/searches.query.js';
import { rateOf } from '../domain/cohorts.js';
import { resolveRange } from '../domain/report-range.js';
import type { AnalyticsDeps } from './deps.js';

type WithRates<T> = T & { zeroResultRate: number; clickThroughRate: number };

const withRates = <T extends Omit<TermStats, 'term'>>(stats: T): WithRates<T> => ({
  ...stats,
  zeroResultRate: rateOf(stats.zeroResultSearches, stats.searches),
  clickThroughRate: rateOf(stats.clickedSearches, stats.searches),
});

export interface SearchReport {
  from: string;
  to: string;
  totals: WithRates<Omit<TermStats, 'term'>>;
  terms: Array<WithRates<TermStats>>;
  zeroResultTerms: Array<WithRates<TermStats>>;
}

/** Search terms, zero-result searches and click-through (searches with a click / searches). */
export async function getSearchReport(
  deps: AnalyticsDeps,
  input: { from?: string | undefined; to?: string | undefined; limit: number },
): Promise<SearchReport> {
  const range = resolveRange(input, new Date());
  const stats = await searchStats(deps.db, { ...range, limit: input.limit });
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    totals: withRates(stats.totals),
    terms: stats.terms.map(withRates),
    zeroResultTerms: stats.zeroResultTerms.map(withRates),
  };
}
