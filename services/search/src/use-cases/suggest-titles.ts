import type { Suggestion } from '../domain/search-engine.js';
import type { SearchDeps } from './deps.js';

/** Completions for a search box, called on every keystroke. */
export async function suggestTitles(
  deps: SearchDeps,
  input: { q: string; limit: number },
): Promise<Suggestion[]> {
  const typed = input.q.trim();
  if (typed === '') return [];
  return deps.engine.suggest(typed, input.limit);
}
