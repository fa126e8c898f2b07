import { and, asc, desc, type SQL } from 'drizzle-orm';
import type { MatchMode, SearchHit, SearchRequest, SearchSort } from '../domain/search-request.js';
import type { SearchReader } from './database.js';
import { documents } from './schema.js';
import { afterPosition, scoreOf, whereOf } from './text-search.js';

function orderOf(sort: SearchSort, score: SQL<number>): SQL[] {
  switch (sort) {
    case 'relevance':
      return [desc(score), desc(documents.productId)];
    case 'price_asc':
      return [asc(documents.priceMinMinor), asc(documents.productId)];
    case 'price_desc':
      return [desc(documents.priceMinMinor), desc(documents.productId)];
    case 'newest':
      return [desc(documents.createdAt), desc(documents.productId)];
    case 'rating':
      return [desc(documents.rating), desc(documents.productId)];
  }
}

/** One page of hits (limit + 1 rows, so the caller knows whether another page exists). */
export async function findHits(
  db: SearchReader,
  mode: MatchMode,
  request: SearchRequest,
): Promise<SearchHit[]> {
  const score = scoreOf(mode, request);
  const where = whereOf(mode, request, request.filters);
  return db
    .select({
      productId: documents.productId,
      slug: documents.slug,
      title: documents.title,
      brand: documents.brand,
      imageUrl: documents.imageUrl,
      priceMinMinor: documents.priceMinMinor,
      priceMaxMinor: documents.priceMaxMinor,
      currency: documents.currency,
      inStock: documents.inStock,
      rating: documents.rating,
      createdAt: documents.createdAt,
      score: score.mapWith(Number),
    })
    .from(documents)
    .where(request.after ? and(where, afterPosition(request.after, score)) : where)
    .orderBy(...orderOf(request.sort, score))
    .limit(request.limit + 1);
}
