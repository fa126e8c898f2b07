import { popularProducts, type ScoredProduct } from '../db/behaviour-events.repo.js';
import { unavailableAmong } from '../db/catalog.repo.js';
import { cached, cacheKeys } from '../model/answer-cache.js';
import type { RecommendationDeps } from './deps.js';

/** How many popular products are computed and cached; requests slice it. */
const popularDepth = 200;

/** The cached popularity ranking, unfiltered. */
export function popularRanking(deps: RecommendationDeps): Promise<ScoredProduct[]> {
  return cached(deps.cache, deps.logger, cacheKeys.popular, deps.caching.forYouMs, () =>
    popularProducts(deps.db, { ...deps.popularity, limit: popularDepth }),
  );
}

/** Popular products that can be sold now, without the excluded ones. */
export async function getPopularProducts(
  deps: RecommendationDeps,
  input: { limit: number; exclude?: ReadonlySet<string> },
): Promise<{ items: ScoredProduct[] }> {
  const ranking = (await popularRanking(deps)).filter((p) => !input.exclude?.has(p.productId));
  const unavailable = await unavailableAmong(
    deps.db,
    ranking.map((p) => p.productId),
  );
  return { items: ranking.filter((p) => !unavailable.has(p.productId)).slice(0, input.limit) };
}
