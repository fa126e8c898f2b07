import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { pageFromRows } from '@emporium/platform/http/keyset-page';
import { sql } from 'drizzle-orm';
import type { IndexWriter, SearchEngine } from '../domain/search-engine.js';
import { type MatchMode, positionOf } from '../domain/search-request.js';
import type { SearchDb, SearchReader } from './database.js';
import {
  deleteDocument,
  findDocumentVersion,
  setDocumentInStock,
  upsertDocuments,
} from './documents.repo.js';
import { beginIndexRebuild, isRebuilding } from './index-rebuild.js';
import { findHits } from './search-hits.query.js';
import { summarize } from './search-summary.query.js';
import { suggestTitles } from './suggest.query.js';
import { createSummaryCache } from './summary-cache.js';

/**
 * The search engine on Postgres (DESIGN §1): full-text over a weighted
 * tsvector (GIN), with pg_trgm similarity on titles as the typo fallback.
 * A search is one read transaction, so its total, facets and hits agree.
 */
export function createPostgresSearchEngine(
  db: SearchDb,
  settings: { typoSimilarity: number; summaryCacheMs?: number },
): SearchEngine {
  const summaries = createSummaryCache({ ttlMs: settings.summaryCacheMs ?? 0, maxEntries: 500 });
  /**
   * Runs `work` in a transaction where `<%` (trigram word similarity) uses
   * the configured threshold, and without JIT: the set-returning functions of
   * the facet query make the planner's estimates huge, and compiling the
   * plan cost more than running it (measured: 1.9 s of a 3.3 s query at 50k).
   */
  const withTypoThreshold = <T>(work: (tx: SearchReader) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('pg_trgm.word_similarity_threshold', ${String(settings.typoSimilarity)}, true),
          set_config('jit', 'off', true)`,
      );
      return work(tx);
    });

  return {
    search: (request) =>
      withTypoThreshold(async (tx) => {
        let mode: MatchMode = request.after?.[1] ?? (request.q ? 'fulltext' : 'all');
        let summary = await summaries.get(mode, request.filters, () => summarize(tx, mode, request));
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
    writer: (tx) => {
      summaries.clear();
      return postgresIndexWriter(tx);
    },
    beginRebuild: async () => {
      const rebuild = await beginIndexRebuild(db);
      return {
        ...rebuild,
        commit: async () => {
          const done = await rebuild.commit();
          summaries.clear();
          return done;
        },
      };
    },
    addMissing: async (batch) => {
      summaries.clear();
      return upsertDocuments(db, 'documents', batch, 'legacy');
    },
  };
}

/** Writes to the live index and, while a reindex builds its copy, to the copy too. */
function postgresIndexWriter(tx: SqlExecutor): IndexWriter {
  let rebuilding: Promise<boolean> | undefined;
  const alsoStaging = () => {
    rebuilding ??= isRebuilding(tx);
    return rebuilding;
  };
  return {
    async upsert(document) {
      const written = await upsertDocuments(tx, 'documents', [document], 'newer');
      if (await alsoStaging()) await upsertDocuments(tx, 'documents_next', [document], 'newer');
      return written > 0;
    },
    async remove(productId, asOf) {
      await deleteDocument(tx, 'documents', productId, asOf);
      if (await alsoStaging()) await deleteDocument(tx, 'documents_next', productId, asOf);
    },
    async setInStock(productId, inStock) {
      await setDocumentInStock(tx, 'documents', productId, inStock);
      if (await alsoStaging()) await setDocumentInStock(tx, 'documents_next', productId, inStock);
    },
    current: (productId) => findDocumentVersion(tx, productId),
  };
}
