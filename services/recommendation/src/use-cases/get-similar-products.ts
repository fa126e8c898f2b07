import type { ScoredProduct } from '../db/behaviour-events.repo.js';
import { neighboursOf } from '../db/item-neighbours.repo.js';
import { similarKinds } from '../domain/neighbours.js';
import type { RecommendationDeps } from './deps.js';
import { getPopularProducts } from './get-popular-products.js';

export interface SimilarProducts {
  items: ScoredProduct[];
  /** Which source answered: the model's neighbours, or popularity while the model knows nothing of the product. */
  basedOn: 'neighbours' | 'popularity';
}

/**
 * "Similar products": the product's co-viewed and content neighbours as the
 * model stored them. Until the model has any for this product (new product,
 * no model yet), the most popular products other than this one.
 */
export async function getSimilarProducts(
  deps: RecommendationDeps,
  input: { productId: string; limit: number },
): Promise<SimilarProducts> {
  const neighbours = await neighboursOf(deps.db, input.productId, similarKinds, input.limit);
  if (neighbours.length > 0) return { items: neighbours, basedOn: 'neighbours' };
  const popular = await getPopularProducts(deps, { limit: input.limit, excludeProductId: input.productId });
  return { items: popular.items, basedOn: 'popularity' };
}
