import { sql } from 'drizzle-orm';
import { normaliseTerm } from '../domain/synonyms.js';
import type { SearchReader } from './database.js';
import { popularQueries } from './schema.js';
import { escapeLike } from './suggest.query.js';

export interface QuerySuggestion {
  text: string;
  /** How many searches for it found something. */
  searches: number;
}

/**
 * What others searched for, starting with what was typed, most searched
 * first: a range scan on the `text_pattern_ops` index. Only texts searched
 * at least `minSearches` times are offered, so one shopper's query is never
 * shown to the next.
 */
export async function suggestQueries(
  db: SearchReader,
  typed: string,
  settings: { limit: number; minSearches: number },
): Promise<QuerySuggestion[]> {
  const prefix = normaliseTerm(typed);
  if (prefix === '') return [];
  const result = await db.execute<{ query: string; searches: number }>(sql`
    select query, searches from ${popularQueries}
    where query like ${`${escapeLike(prefix)}%`} and searches >= ${settings.minSearches}
    order by searches desc, query limit ${settings.limit}`);
  return result.rows.map((row) => ({ text: row.query, searches: Number(row.searches) }));
}
