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
 * The index behind one interface (DESIGN §2): Postgres full-text today
 * (db/postgres-search-engine.ts); an OpenSearch/Elasticsearch adapter for
 * very large catalogs implements the same methods.
 */
export interface SearchEngine {
  search(request: SearchRequest): Promise<SearchResult>;
  /** Title completions for what was typed so far, typos tolerated. */
  suggest(prefix: string, limit: number): Promise<Suggestion[]>;
  /** Adds documents not yet indexed and keeps those that are; returns how many were added. */
  addMissing(documents: SearchDocument[]): Promise<number>;
}
