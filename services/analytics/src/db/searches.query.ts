import { sql } from 'drizzle-orm';
import type { ReportRange } from '../domain/report-range.js';
import type { AnalyticsDb } from './database.js';
import { factSearchClicks, factSearches } from './schema.js';

const iso = (at: Date) => at.toISOString();

export interface TermStats {
  term: string;
  searches: number;
  zeroResultSearches: number;
  /** Searches with at least one click on a hit. */
  clickedSearches: number;
}

const statsOf = (row: { term: string; searches: number; zero: number; clicked: number }): TermStats => ({
  term: row.term,
  searches: Number(row.searches),
  zeroResultSearches: Number(row.zero),
  clickedSearches: Number(row.clicked),
});

/**
 * Searches of the range (browses without a query left out): totals, the
 * most searched terms, and the terms most often finding nothing.
 */
export async function searchStats(
  db: AnalyticsDb,
  query: ReportRange & { limit: number },
): Promise<{ totals: Omit<TermStats, 'term'>; terms: TermStats[]; zeroResultTerms: TermStats[] }> {
  const searches = sql`
    select s.term, s.result_count,
      exists (select 1 from ${factSearchClicks} c where c.search_id = s.search_id) as clicked
    from ${factSearches} s
    where s.term <> '' and s.at >= ${iso(query.from)} and s.at < ${iso(query.to)}`;
  const columns = sql`count(*)::int as searches,
    count(*) filter (where result_count = 0)::int as zero, count(*) filter (where clicked)::int as clicked`;
  type Row = { term: string; searches: number; zero: number; clicked: number };
  const totals = await db.execute<Row>(sql`with s as (${searches}) select '' as term, ${columns} from s`);
  const terms = await db.execute<Row>(sql`
    with s as (${searches}) select term, ${columns} from s
    group by term order by count(*) desc, term limit ${query.limit}`);
  const zero = await db.execute<Row>(sql`
    with s as (${searches}) select term, ${columns} from s where result_count = 0
    group by term order by count(*) desc, term limit ${query.limit}`);
  const { term: _term, ...total } = statsOf(totals.rows[0]!);
  return { totals: total, terms: terms.rows.map(statsOf), zeroResultTerms: zero.rows.map(statsOf) };
}
