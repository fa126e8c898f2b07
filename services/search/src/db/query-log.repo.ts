import { sql } from 'drizzle-orm';
import type { MatchMode, SearchFilters, SearchSort } from '../domain/search-request.js';
import { normaliseTerm } from '../domain/synonyms.js';
import type { SearchDb } from './database.js';
import { popularQueries, queries } from './schema.js';

export interface QueryLogEntry {
  q: string;
  filters: SearchFilters;
  sort: SearchSort;
  matchMode: MatchMode;
  resultCount: number;
  latencyMs: number;
}

/** Longer queries are not suggested to others (they are rarely typed twice, and may be personal). */
const maxSuggestedLength = 100;

/**
 * Logs a search and returns its id (clicks refer to it). A search that
 * found something also counts towards its text's popularity, which feeds
 * suggestions; both writes are one statement.
 */
export async function logQuery(db: Pick<SearchDb, 'execute'>, entry: QueryLogEntry): Promise<number> {
  // Undefined filters are dropped so the log holds only what the shopper set.
  const filters = Object.fromEntries(
    Object.entries(entry.filters).filter(([, value]) => value !== undefined),
  );
  const popular = normaliseTerm(entry.q);
  const counts = entry.resultCount > 0 && popular !== '' && popular.length <= maxSuggestedLength;
  const result = await db.execute<{ id: number }>(sql`
    with logged as (
      insert into ${queries} (q, filters, sort, match_mode, result_count, latency_ms)
      values (${entry.q}, ${JSON.stringify(filters)}::jsonb, ${entry.sort}, ${entry.matchMode},
        ${entry.resultCount}, ${entry.latencyMs})
      returning id
    ), counted as (
      insert into ${popularQueries} (query, searches, last_result_count)
      select ${popular}, 1, ${entry.resultCount} where ${counts}
      on conflict (query) do update set searches = ${popularQueries.searches} + 1,
        last_result_count = excluded.last_result_count, last_searched_at = now()
    )
    select id from logged`);
  return Number(result.rows[0]!.id);
}
