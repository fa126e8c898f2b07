import { and, arrayContains, eq, gte, lte, or, type SQL, sql } from 'drizzle-orm';
import type { MatchMode, SearchFilters, SearchPosition } from '../domain/search-request.js';
import { documents } from './schema.js';

/** Stemming dictionary of the index: "sandals" and "sandal" match each other. */
const language = sql.raw(`'english'`);

/**
 * The weighted vector of a row named `r`: title A, brand B, category names
 * C, tags and description D. Postgres has four weights for the five fields:
 * tags also get a vector of their own (`tagsVectorOfRow`) whose rank is
 * added, so a tag match lands between a category and a description match.
 * Written with the row, not generated: array_to_string is not immutable,
 * which a generated column requires.
 */
export const searchVectorOfRow = sql`
  setweight(to_tsvector(${language}, r.title), 'A') ||
  setweight(to_tsvector(${language}, coalesce(r.brand, '')), 'B') ||
  setweight(to_tsvector(${language}, array_to_string(r.category_names, ' ')), 'C') ||
  setweight(to_tsvector(${language}, array_to_string(r.tags, ' ') || ' ' || r.description), 'D')`;

export const tagsVectorOfRow = sql`to_tsvector(${language}, array_to_string(r.tags, ' '))`;

/**
 * ts_rank's weights for D, C, B, A: a title match counts 1, brand 0.6,
 * category 0.3, description 0.1, a tag 0.1 + 0.1 (its own vector).
 */
const weights = sql.raw(`'{0.1, 0.3, 0.6, 1.0}'`);
const tagWeights = sql.raw(`'{0.1, 0.1, 0.1, 0.1}'`);

/** The query and its synonym rewrites as one tsquery: a row matching any of them matches. */
function tsqueryOf(expansions: readonly string[]): SQL {
  return sql.join(
    expansions.map((q) => sql`websearch_to_tsquery(${language}, ${q})`),
    sql` || `,
  );
}

export interface TextQuery {
  q?: string | undefined;
  expansions?: readonly string[] | undefined;
}

const expansionsOf = (text: TextQuery) => (text.expansions?.length ? text.expansions : [text.q ?? '']);

/** Which rows the query matches; undefined matches every row. */
export function matchOf(mode: MatchMode, text: TextQuery): SQL | undefined {
  if (mode === 'all' || text.q === undefined) return undefined;
  if (mode === 'fulltext') return sql`${documents.searchVector} @@ (${tsqueryOf(expansionsOf(text))})`;
  // `<%` is answered by the trigram index; its threshold is set per transaction (see withTypoThreshold).
  return sql`${text.q} <% ${documents.title}`;
}

/** How well a row matches, as float8 so the value round-trips exactly through a cursor. */
export function scoreOf(mode: MatchMode, text: TextQuery): SQL<number> {
  if (mode === 'fulltext' && text.q !== undefined) {
    const query = sql`(${tsqueryOf(expansionsOf(text))})`;
    return sql<number>`(ts_rank(${weights}, ${documents.searchVector}, ${query}) + ts_rank(${tagWeights}, ${documents.tagsVector}, ${query}))::float8`;
  }
  if (mode === 'fuzzy' && text.q !== undefined)
    return sql<number>`word_similarity(${text.q}, ${documents.title})::float8`;
  return sql<number>`${documents.popularity}::float8`;
}

export function filtersOf(filters: SearchFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.category) where.push(arrayContains(documents.categorySlugs, [filters.category]));
  if (filters.brand) where.push(eq(documents.brand, filters.brand));
  if (filters.minPrice !== undefined) where.push(gte(documents.priceMinMinor, filters.minPrice));
  if (filters.maxPrice !== undefined) where.push(lte(documents.priceMinMinor, filters.maxPrice));
  if (filters.inStock !== undefined) where.push(eq(documents.inStock, filters.inStock));
  if (filters.minRating !== undefined) where.push(gte(documents.rating, filters.minRating));
  for (const [name, values] of Object.entries(filters.attributes ?? {})) {
    // Containment is answered by the jsonb_path_ops GIN index.
    const anyValue = values.map(
      (value) => sql`${documents.attributes} @> ${JSON.stringify({ [name]: [value] })}::jsonb`,
    );
    where.push(or(...anyValue)!);
  }
  return where;
}

export function whereOf(mode: MatchMode, text: TextQuery, filters: SearchFilters): SQL | undefined {
  const match = matchOf(mode, text);
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
    case 'rating':
      // The rating is a real; its shortest decimal text (what the client got) casts back to the same real.
      return sql`(${documents.rating}, ${documents.productId}) < (${key}::real, ${id}::uuid)`;
  }
}
