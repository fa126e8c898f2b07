import { type Static, Type } from 'typebox';

export const SearchSort = Type.Union([
  Type.Literal('relevance'),
  Type.Literal('price_asc'),
  Type.Literal('price_desc'),
  Type.Literal('newest'),
  Type.Literal('rating'),
]);
export type SearchSort = Static<typeof SearchSort>;

/**
 * How the query matched: `fulltext` (websearch syntax over the weighted
 * vector), `fuzzy` (trigram similarity on titles, when full-text found
 * nothing: typo tolerance) or `all` (no query, filters only).
 */
export type MatchMode = 'all' | 'fulltext' | 'fuzzy';
const Mode = Type.Union([Type.Literal('all'), Type.Literal('fulltext'), Type.Literal('fuzzy')]);
const Id = Type.String({ format: 'uuid' });

/**
 * Where a page ended: sort, match mode (page 2 matches as page 1 did) and the
 * last hit's key in that sort. A cursor from another sort is refused.
 */
export const searchPositions = {
  relevance: Type.Tuple([Type.Literal('relevance'), Mode, Type.Number(), Id]),
  price_asc: Type.Tuple([Type.Literal('price_asc'), Mode, Type.Integer(), Id]),
  price_desc: Type.Tuple([Type.Literal('price_desc'), Mode, Type.Integer(), Id]),
  newest: Type.Tuple([Type.Literal('newest'), Mode, Type.String({ format: 'date-time' }), Id]),
  rating: Type.Tuple([Type.Literal('rating'), Mode, Type.Number(), Id]),
};
export type SearchPosition = Static<(typeof searchPositions)[SearchSort]>;

export interface SearchFilters {
  category?: string | undefined;
  brand?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  inStock?: boolean | undefined;
  /** Average rating at least this (1..5). */
  minRating?: number | undefined;
  /** `attr.<name>=value`: every named attribute must match, any of its values. */
  attributes?: Record<string, string[]> | undefined;
}

export interface SearchRequest {
  /** Trimmed; absent when the shopper only browses with filters. */
  q?: string | undefined;
  /**
   * The query as typed and its rewrites with the shop's synonyms (websearch
   * syntax each); a document matching any of them matches. Defaults to `[q]`.
   */
  expansions?: string[] | undefined;
  filters: SearchFilters;
  sort: SearchSort;
  limit: number;
  after?: SearchPosition | undefined;
}

export interface SearchHit {
  productId: string;
  slug: string;
  title: string;
  brand: string | null;
  imageUrl: string | null;
  priceMinMinor: number;
  priceMaxMinor: number;
  currency: string;
  inStock: boolean;
  rating: number;
  createdAt: Date;
  score: number;
}

export function positionOf(sort: SearchSort, mode: MatchMode, hit: SearchHit): SearchPosition {
  switch (sort) {
    case 'relevance':
      return [sort, mode, hit.score, hit.productId];
    case 'price_asc':
    case 'price_desc':
      return [sort, mode, hit.priceMinMinor, hit.productId];
    case 'newest':
      return [sort, mode, hit.createdAt.toISOString(), hit.productId];
    case 'rating':
      return [sort, mode, hit.rating, hit.productId];
  }
}
