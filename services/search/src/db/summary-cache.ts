import type { Facets } from '../domain/facets.js';
import type { MatchMode, SearchFilters } from '../domain/search-request.js';

export interface SummaryCache {
  /** The cached total and facets of a browse (no text) with these filters, or computes and keeps them. */
  get: (
    mode: MatchMode,
    filters: SearchFilters,
    compute: () => Promise<{ total: number; facets: Facets }>,
  ) => Promise<{ total: number; facets: Facets }>;
  /** The index changed here: forget everything. */
  clear: () => void;
}

/** How long after a write summaries are computed afresh without being kept (its transaction commits meanwhile). */
const settleMs = 1_000;

/** The same filters, however their members were ordered, give the same key. */
function keyOf(filters: SearchFilters): string {
  const entries = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => [name, name === 'attributes' ? Object.entries(value).sort() : value] as const);
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Browsing without text (the landing page, a department) asks the same
 * facets of the whole catalog again and again, and counting them means
 * reading every matching row. Those summaries are kept for `ttlMs` on each
 * instance and dropped whenever this instance writes to the index; another
 * instance's writes show within `ttlMs`. Searches with text are not cached,
 * nor are hits: only the total and facets of a browse may be that old.
 */
export function createSummaryCache(settings: { ttlMs: number; maxEntries: number }): SummaryCache {
  const entries = new Map<string, { at: number; value: Promise<{ total: number; facets: Facets }> }>();
  let generation = 0;
  // A write clears the cache before its transaction commits: nothing is kept until it surely has.
  let quietUntil = 0;
  return {
    async get(mode, filters, compute) {
      if (mode !== 'all' || settings.ttlMs === 0 || Date.now() < quietUntil) return compute();
      const key = keyOf(filters);
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < settings.ttlMs) return hit.value;
      const started = generation;
      const value = compute();
      // A write that lands while this is computed may be missing from it: keep it only if none did.
      value.then(
        () => {
          if (started !== generation) entries.delete(key);
        },
        () => entries.delete(key),
      );
      entries.delete(key);
      entries.set(key, { at: now, value });
      if (entries.size > settings.maxEntries) entries.delete(entries.keys().next().value!);
      return value;
    },
    clear() {
      generation += 1;
      entries.clear();
      quietUntil = Date.now() + settleMs;
    },
  };
}
