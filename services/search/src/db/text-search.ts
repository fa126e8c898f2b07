import { and, arrayContains, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { MatchMode, SearchFilters, SearchPosition } from '../domain/search-request.js';
import { documents } from './schema.js';

/** Stemming dictionary of the index: "sandals" and "sandal" match each other. */
const language = sql.raw(`'english'`);

/**
 * The weighted vector of a row named `r`: title A, brand and tags B,
 * description C (ts_rank weighs A 1.0, B 0.4, C 0.2), so a title match
 * outranks a description match. Written with the row, not generated:
 * array_to_string is not immutable, which a generated column requires.
 */
export const searchVectorOfRow = sql`
  setweight(to_tsvector(${language}, r.title), 'A') ||
  setweight(to_tsvector(${language}, coalesce(r.brand, '') || ' ' || array_to_string(r.tags, ' ')), 'B') ||
  setweight(to_tsvector(${language}, r.description), 'C')`;

const tsquery = (q: string) => sql`websearch_to_tsquery(${language}, ${q})`;

/** Which rows the query matches; undefined matches every row. */
export function matchOf(mode: MatchMode, q: string | undefined): SQL | undefined {
  if (mode === 'all' || q === undefined) return undefined;
  if (mode === 'fulltext') return sql`${documents.searchVector} @@ ${tsquery(q)}`;
  // `<%` is answered by the trigram index; its threshold is set per transaction (see withTypoThreshold).
  return sql`${q} <% ${documents.title}`;
}

/** How well a row matches, as float8 so the value round-trips exactly through a cursor. */
export function scoreOf(mode: MatchMode, q: string | undefined): SQL<number> {
  if (mode === 'fulltext' && q !== undefined) {
    return sql<number>`ts_rank(${documents.searchVector}, ${tsquery(q)})::float8`;
  }
  if (mode === 'fuzzy' && q !== undefined)
    return sql<number>`word_similarity(${q}, ${documents.title})::float8`;
  return sql<number>`${documents.popularity}::float8`;
}

export function filtersOf(filters: SearchFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.category) where.push(arrayContains(documents.categorySlugs, [filters.category]));
  if (filters.brand) where.push(eq(documents.brand, filters.brand));
  if (filters.minPrice !== undefined) where.push(gte(documents.priceMinMinor, filters.minPrice));
  if (filters.maxPrice !== undefined) where.push(lte(documents.priceMinMinor, filters.maxPrice));
  if (filters.inStock !== undefined) where.push(eq(documents.inStock, filters.inStock));
  return where;
}

export function whereOf(mode: MatchMode, q: string | undefined, filters: SearchFilters): SQL | undefined {
  const match = matchOf(mode, q);
  return and(...(match ? [match] : []), ...filtersOf(filters));
}

/** Rows strictly after a position, in its sort: one row comparison, ties broken by product id. */
export function afterPosition(position: SearchPosition, score: SQL<number>): SQL {
  const [sort, , key, id] = position;
  switch (sort) {
    case 'relevance':
      return sql`(${score}, ${documents.productId}) < (${key}::float8, ${id}::uuid)`;
    case 'price_asc':
      return sql`(${documents.priceMinMinor}, ${documents.productId}) > (${key}::int, ${id}::uuid)`;
    case 'price_desc':
      return sql`(${documents.priceMinMinor}, ${documents.productId}) < (${key}::int, ${id}::uuid)`;
    case 'newest':
      return sql`(${documents.createdAt}, ${documents.productId}) < (${key}::timestamptz, ${id}::uuid)`;
  }
}
