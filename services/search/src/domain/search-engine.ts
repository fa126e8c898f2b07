import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import type { Page } from '@emporium/platform/http/keyset-page';
import type { Facets } from './facets.js';
import type { SearchDocument } from './search-document.js';
import type { MatchMode, SearchHit, SearchRequest } from './search-request.js';

export interface SearchResult {
  mode: MatchMode;
  total: number;
  page: Page<SearchHit>;
  facets: Facets;
}

export interface Suggestion {
  text: string;
  productId: string;
  slug: string;
}

/**
 * Index writes, bound to the caller's transaction: a consumer passes its
 * handler's `tx`, so the write commits with the inbox row (exactly once).
 * An engine outside Postgres ignores `tx` and makes each write idempotent
 * by version instead (see README: adding an engine).
 */
export interface IndexWriter {
  /** Adds or replaces the document, unless the index holds a newer version; true when written. */
  upsert(document: SearchDocument): Promise<boolean>;
  /** Removes the document unless the index holds a version later than `asOf`. */
  remove(productId: string, asOf: Date): Promise<void>;
  setInStock(productId: string, inStock: boolean): Promise<void>;
  /** What the index holds of a product, if anything. */
  current(productId: string): Promise<{ createdAt: Date; sourceUpdatedAt: Date | null } | undefined>;
}

/**
 * A rebuild from scratch: documents go to a new copy of the index while the
 * live one keeps answering (and writers keep both current); `commit` swaps
 * the copy in at once, `abort` drops it.
 */
export interface IndexRebuild {
  /** When the rebuild began, by the database's clock: changes received since then are re-applied after the swap. */
  startedAt: Date;
  write(documents: SearchDocument[]): Promise<void>;
  commit(): Promise<{ documents: number }>;
  abort(): Promise<void>;
}

/**
 * The index behind one interface (DESIGN §2): Postgres full-text today
 * (db/postgres-search-engine.ts); an OpenSearch/Elasticsearch adapter for
 * very large catalogs implements the same methods (README.md says how).
 */
export interface SearchEngine {
  search(request: SearchRequest): Promise<SearchResult>;
  /** Title completions for what was typed so far, typos tolerated. */
  suggest(prefix: string, limit: number): Promise<Suggestion[]>;
  /** Writes in the caller's transaction (another engine ignores it: its writes are versioned). */
  writer(tx: SqlExecutor): IndexWriter;
  /** Starts a rebuild; refused (REINDEX_RUNNING) while another one is alive. */
  beginRebuild(): Promise<IndexRebuild>;
  /** Seeding: adds documents not yet indexed and keeps those that are; returns how many were written. */
  addMissing(documents: SearchDocument[]): Promise<number>;
}
