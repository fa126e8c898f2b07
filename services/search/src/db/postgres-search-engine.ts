import { pageFromRows } from '@emporium/platform/http/keyset-page';
import { sql } from 'drizzle-orm';
import type { SearchEngine } from '../domain/search-engine.js';
import { type MatchMode, positionOf } from '../domain/search-request.js';
import type { SearchDb, SearchReader } from './database.js';
import { insertDocumentsIfAbsent } from './documents.repo.js';
import { findHits } from './search-hits.query.js';
import { summarize } from './search-summary.query.js';
import { suggestTitles } from './suggest.query.js';

/**
 * The search engine on Postgres (DESIGN §1): full-text over a weighted
 * tsvector (GIN), with pg_trgm similarity on titles as the typo fallback.
 * A search is one read transaction, so its total, facets and hits agree.
 */
export function createPostgresSearchEngine(db: SearchDb, settings: { typoSimilarity: number }): SearchEngine {
  /** Runs `work` in a transaction where `<%` (trigram word similarity) uses the configured threshold. */
  const withTypoThreshold = <T>(work: (tx: SearchReader) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('pg_trgm.word_similarity_threshold', ${String(settings.typoSimilarity)}, true)`,
      );
      return work(tx);
    });

  return {
    search: (request) =>
      withTypoThreshold(async (tx) => {
        let mode: MatchMode = request.after?.[1] ?? (request.q ? 'fulltext' : 'all');
        let summary = await summarize(tx, mode, request);
        // Nothing matched word for word: try titles that look like the query (typos, near spellings).
        if (mode === 'fulltext' && summary.total === 0 && !request.after) {
          mode = 'fuzzy';
          summary = await summarize(tx, mode, request);
        }
        const rows = summary.total === 0 ? [] : await findHits(tx, mode, request);
        const page = pageFromRows(rows, request.limit, (hit) => positionOf(request.sort, mode, hit));
        return { mode, total: summary.total, facets: summary.facets, page };
      }),
    suggest: (prefix, limit) => withTypoThreshold((tx) => suggestTitles(tx, prefix, limit)),
    addMissing: (batch) => insertDocumentsIfAbsent(db, batch),
  };
}
