import { popularProducts, type ScoredProduct } from '../db/behaviour-events.repo.js';
import type { RecommendationDeps } from './deps.js';

export async function getPopularProducts(
  deps: RecommendationDeps,
  input: { limit: number; excludeProductId?: string },
): Promise<{ items: ScoredProduct[] }> {
  return { items: await popularProducts(deps.db, { ...deps.popularity, ...input }) };
}
