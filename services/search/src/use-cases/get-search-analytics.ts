import { searchAnalytics } from '../db/analytics.query.js';
import { searchErrors } from '../domain/errors.js';
import { defaultAnalyticsDays, type SearchAnalytics } from '../domain/search-analytics.js';
import type { SearchDeps } from './deps.js';

/** Top queries, zero-result queries and click-through over [from, to) (default: the last 30 days). */
export async function getSearchAnalytics(
  deps: SearchDeps,
  input: { from?: string | undefined; to?: string | undefined; limit: number },
): Promise<SearchAnalytics> {
  const to = input.to ? new Date(input.to) : new Date();
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - defaultAnalyticsDays * 86_400_000);
  if (from >= to) throw searchErrors.INVALID_DATE_RANGE(`from ${from.toISOString()} is not before to`);
  const report = await searchAnalytics(deps.db, { from, to, limit: input.limit });
  return {
    from,
    to,
    ...report,
    clickThroughRate: report.searches === 0 ? 0 : report.clickedSearches / report.searches,
  };
}
