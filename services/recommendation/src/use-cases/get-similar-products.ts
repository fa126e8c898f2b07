import { unavailableAmong } from '../db/catalog.repo.js';
import { neighboursOfMany } from '../db/item-neighbours.repo.js';
import {
  blend,
  boughtTogetherWeights,
  type KindWeights,
  type ScoredProduct,
  similarWeights,
} from '../domain/hybrid.js';
import { type NeighbourKind, neighbourKinds } from '../domain/neighbours.js';
import { cached, cacheKeys } from '../model/answer-cache.js';
import type { RecommendationDeps } from './deps.js';
import { getPopularProducts } from './get-popular-products.js';

export interface ProductRecommendations {
  items: ScoredProduct[];
  /** Which source answered: the model's neighbours, or popularity while the model knows nothing of the product. */
  basedOn: 'neighbours' | 'popularity';
}

/** Candidates computed and cached per product; requests slice them after the stock filter. */
const listDepth = 60;

async function fromNeighbours(
  deps: RecommendationDeps,
  list: 'similar' | 'bought_together',
  productId: string,
  limit: number,
): Promise<ProductRecommendations> {
  const weights: KindWeights = list === 'similar' ? similarWeights : boughtTogetherWeights;
  const key = list === 'similar' ? cacheKeys.similar(productId) : cacheKeys.boughtTogether(productId);
  const ranked = await cached(deps.cache, deps.logger, key, deps.caching.answerMs, async () => {
    const kinds = neighbourKinds.filter((kind): kind is NeighbourKind => weights[kind] > 0);
    const neighbours = await neighboursOfMany(deps.db, [productId], kinds, listDepth);
    return blend([{ productId, weight: 1 }], neighbours, weights).slice(0, listDepth);
  });
  const unavailable = await unavailableAmong(
    deps.db,
    ranked.map((p) => p.productId),
  );
  const items = ranked.filter((p) => !unavailable.has(p.productId)).slice(0, limit);
  if (items.length > 0) {
    deps.metrics.answers.inc({ list, based_on: 'neighbours' });
    return { items, basedOn: 'neighbours' };
  }
  deps.metrics.answers.inc({ list, based_on: 'popularity' });
  const popular = await getPopularProducts(deps, { limit, exclude: new Set([productId]) });
  return { items: popular.items, basedOn: 'popularity' };
}

/**
 * "Similar products": the product's co-viewed and content neighbours
 * blended (co-views count fully, content at 0.6). Until the model has any
 * for this product (new product, no model yet), the most popular products
 * other than this one. Products that cannot be sold now are left out.
 */
export function getSimilarProducts(
  deps: RecommendationDeps,
  input: { productId: string; limit: number },
): Promise<ProductRecommendations> {
  return fromNeighbours(deps, 'similar', input.productId, input.limit);
}

/** "Frequently bought together": the product's co-purchase neighbours, popularity while there are none. */
export function getBoughtTogether(
  deps: RecommendationDeps,
  input: { productId: string; limit: number },
): Promise<ProductRecommendations> {
  return fromNeighbours(deps, 'bought_together', input.productId, input.limit);
}
