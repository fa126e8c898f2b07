import { type SynonymMap, type SynonymRule, synonymMapOf } from '../domain/synonyms.js';
import type { SearchDb } from './database.js';
import { listSynonymRules } from './synonyms.repo.js';

export interface SynonymCache {
  /** The current rules as a lookup map, read from the database at most once per `refreshMs`. */
  map: () => Promise<SynonymMap>;
  /** This instance changed the rules: use them from the next search on. */
  invalidate: () => void;
}

/**
 * Synonyms are read on every search, changed rarely: each instance keeps
 * them for `refreshMs` (other instances pick up a change within that time).
 */
export function createSynonymCache(db: SearchDb, settings: { refreshMs: number }): SynonymCache {
  let cached: { map: SynonymMap; at: number } | undefined;
  let loading: Promise<SynonymMap> | undefined;
  // A load that started before a change must not cache the old rules.
  let generation = 0;
  return {
    async map() {
      if (cached && Date.now() - cached.at < settings.refreshMs) return cached.map;
      if (!loading) {
        const started = generation;
        loading = listSynonymRules(db)
          .then((rules: SynonymRule[]) => {
            const map = synonymMapOf(rules);
            if (started === generation) cached = { map, at: Date.now() };
            return map;
          })
          .finally(() => {
            loading = undefined;
          });
      }
      return loading;
    },
    invalidate() {
      generation += 1;
      cached = undefined;
      loading = undefined;
    },
  };
}
