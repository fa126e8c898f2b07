import { historyOf } from '../db/behaviour-events.repo.js';
import { unavailableAmong } from '../db/catalog.repo.js';
import { neighboursOfMany } from '../db/item-neighbours.repo.js';
import { popularityWeights } from '../domain/behaviour.js';
import {
  blend,
  forYouWeights,
  popularityShare,
  type ScoredProduct,
  withPopularity,
} from '../domain/hybrid.js';
import { neighbourKinds } from '../domain/neighbours.js';
import { cached, cacheKeys, shopperKey } from '../model/answer-cache.js';
import type { RecommendationDeps } from './deps.js';
import { popularRanking } from './get-popular-products.js';

export interface ForYou {
  items: ScoredProduct[];
  /** `history`: blended from what the shopper did (topped up with popular products); `popularity`: a cold start. */
  basedOn: 'history' | 'popularity';
}

/** The shopper's strongest recent interests that seed the blend. */
const seedCount = 20;
const neighboursPerSeed = 30;
const depth = 100;

interface RankedForYou {
  ranked: ScoredProduct[];
  /** Never recommended back: what the shopper bought, and what they are looking at now (the seeds). */
  exclude: string[];
  basedOn: ForYou['basedOn'];
}

/**
 * "For you", the hybrid: the co-purchase, co-view and content neighbours of
 * what the shopper (signed-in user and/or anonymous session) recently
 * viewed, carted and bought, weighted by how strong and recent that interest
 * is, plus popularity as a prior (which also fills a short list); without
 * what they already bought or looked at, or what cannot be sold now. With no
 * history: popularity alone (the cold start).
 */
export async function getForYou(
  deps: RecommendationDeps,
  input: { userId?: string | undefined; sessionId?: string | undefined; limit: number },
): Promise<ForYou> {
  const shopper = { userId: input.userId, sessionId: input.sessionId };
  const answer = await cached<RankedForYou>(
    deps.cache,
    deps.logger,
    cacheKeys.forYou(shopperKey(shopper)),
    deps.caching.forYouMs,
    async () => {
      const history = await historyOf(deps.db, shopper, {
        weights: popularityWeights,
        halfLifeSeconds: deps.model.halfLifeMs / 1_000,
        windowSeconds: deps.model.windowMs / 1_000,
        limit: seedCount,
      });
      if (history.interests.length === 0) {
        return { ranked: [], exclude: [...history.purchased], basedOn: 'popularity' };
      }
      // Seeds weigh relative to the strongest, so one shopper's scores are comparable between calls.
      const top = history.interests[0]!.weight;
      const seeds = history.interests.map((i) => ({ productId: i.productId, weight: i.weight / top }));
      const neighbours = await neighboursOfMany(
        deps.db,
        seeds.map((s) => s.productId),
        neighbourKinds,
        neighboursPerSeed,
      );
      // What the shopper already looked at (the seeds) and bought is not recommended back.
      const ranked = blend(seeds, neighbours, forYouWeights, history.purchased).slice(0, depth);
      const exclude = new Set([...history.purchased, ...seeds.map((s) => s.productId)]);
      return { ranked, exclude: [...exclude], basedOn: 'history' };
    },
  );
  const candidates = withPopularity(
    answer.ranked,
    await popularRanking(deps),
    popularityShare,
    new Set(answer.exclude),
  );
  const unavailable = await unavailableAmong(
    deps.db,
    candidates.map((p) => p.productId),
  );
  const items = candidates.filter((p) => !unavailable.has(p.productId)).slice(0, input.limit);
  deps.metrics.answers.inc({ list: 'for_you', based_on: answer.basedOn });
  return { items, basedOn: answer.basedOn };
}
