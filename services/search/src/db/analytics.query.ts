import { sql } from 'drizzle-orm';
import type { SearchAnalytics } from '../domain/search-analytics.js';
import type { SearchReader } from './database.js';
import { clicks, queries } from './schema.js';

type AnalyticsRow = {
  searches: number;
  zero_result_searches: number;
  clicked_searches: number;
  clicks: number;
  top_queries: SearchAnalytics['topQueries'] | null;
  zero_result_queries: SearchAnalytics['zeroResultQueries'] | null;
};

/**
 * Searches with text (browsing by filters alone is left out) logged in
 * [from, to), grouped by their normalised text: totals, the most searched,
 * those that found nothing, and clicks. One statement over the period's rows.
 */
export async function searchAnalytics(
  db: SearchReader,
  period: { from: Date; to: Date; limit: number },
): Promise<Omit<SearchAnalytics, 'from' | 'to' | 'clickThroughRate'>> {
  const result = await db.execute<AnalyticsRow>(sql`
    with period as (
      select q.id, lower(regexp_replace(btrim(q.q), '\\s+', ' ', 'g')) as query, q.result_count,
        (select count(*) from ${clicks} c where c.query_id = q.id)::int as clicks
      from ${queries} q
      where q.created_at >= ${period.from.toISOString()} and q.created_at < ${period.to.toISOString()}
        and btrim(q.q) <> ''
    )
    select
      (select count(*)::int from period) as searches,
      (select count(*)::int from period where result_count = 0) as zero_result_searches,
      (select count(*)::int from period where clicks > 0) as clicked_searches,
      (select coalesce(sum(clicks), 0)::int from period) as clicks,
      (select json_agg(t) from (
        select query, count(*)::int as searches, count(*) filter (where clicks > 0)::int as "clickedSearches",
          round(avg(result_count))::int as "averageResults"
        from period group by query order by searches desc, query limit ${period.limit}) t) as top_queries,
      (select json_agg(z) from (
        select query, count(*)::int as searches from period where result_count = 0
        group by query order by searches desc, query limit ${period.limit}) z) as zero_result_queries`);
  const row = result.rows[0]!;
  return {
    searches: row.searches,
    zeroResultSearches: row.zero_result_searches,
    clickedSearches: row.clicked_searches,
    clicks: row.clicks,
    topQueries: (row.top_queries ?? []).map((entry) => ({
      ...entry,
      clickThroughRate: entry.searches === 0 ? 0 : entry.clickedSearches / entry.searches,
    })),
    zeroResultQueries: row.zero_result_queries ?? [],
  };
}
