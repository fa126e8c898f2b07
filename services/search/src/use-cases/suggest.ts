import { type QuerySuggestion, suggestQueries } from '../db/popular-queries.query.js';
import type { Suggestion } from '../domain/search-engine.js';
import type { SearchDeps } from './deps.js';

/**
 * Completions for a search box, called on every keystroke: product titles
 * (prefix, then typos) and what other shoppers searched for, both read
 * through indexes, side by side.
 */
export async function suggest(
  deps: SearchDeps,
  input: { q: string; limit: number },
): Promise<{ suggestions: Suggestion[]; queries: QuerySuggestion[] }> {
  const typed = input.q.trim();
  if (typed === '') return { suggestions: [], queries: [] };
  const [suggestions, queries] = await Promise.all([
    deps.engine.suggest(typed, input.limit),
    suggestQueries(deps.db, typed, {
      limit: Math.min(input.limit, deps.settings.suggestedQueries),
      minSearches: deps.settings.suggestQueryMinSearches,
    }),
  ]);
  return { suggestions, queries };
}
