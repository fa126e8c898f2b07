/**
 * The service's recommenders, run offline on an order history: the same
 * similarity, TF-IDF and blend code the service runs, fed from memory
 * instead of the database, with the service's default decay and windows.
 */
import {
  buildTfIdf,
  type ContentDocument,
  contentNeighboursOf,
  type TfIdfModel,
} from '../domain/content-similarity.js';
import {
  blend,
  forYouWeights,
  type KindedNeighbour,
  type KindWeights,
  popularityShare,
  type ScoredProduct,
  withPopularity,
} from '../domain/hybrid.js';
import { cosineNeighbours, decayed, type Neighbour } from '../domain/item-similarity.js';
import type { SyntheticOrder } from './synthetic-orders.js';

export const recommenderNames = ['popularity', 'item-cf', 'content', 'hybrid'] as const;
export type RecommenderName = (typeof recommenderNames)[number];

export interface OfflineSettings {
  /** Collaborative filtering and shopper history (service: modelHalfLifeDays, modelWindowDays). */
  modelHalfLifeMs: number;
  modelWindowMs: number;
  /** Popularity (service: popularityHalfLifeHours, popularityWindowDays; purchases weigh 5). */
  popularityHalfLifeMs: number;
  popularityWindowMs: number;
  neighboursPerProduct: number;
  /** Seeds of a "for you" answer (the service's `seedCount`). */
  seeds: number;
  /** The hybrid's popularity share (the service's `popularityShare`). */
  popularityShare: number;
}

const dayMs = 86_400_000;
/** As many popular products as the service computes and caches (`popularDepth`). */
const popularDepth = 200;
export const serviceDefaults: OfflineSettings = {
  modelHalfLifeMs: 30 * dayMs,
  modelWindowMs: 180 * dayMs,
  popularityHalfLifeMs: 72 * 3_600_000,
  popularityWindowMs: 30 * dayMs,
  neighboursPerProduct: 30,
  seeds: 20,
  popularityShare,
};

export interface OfflineModels {
  popularity: ScoredProduct[];
  coPurchase: Map<string, Neighbour[]>;
  content: TfIdfModel;
  contentCache: Map<string, Neighbour[]>;
  settings: OfflineSettings;
  cutoff: number;
}

/** Trains every model on the orders placed before `cutoff`. */
export function trainModels(
  train: readonly SyntheticOrder[],
  docs: readonly ContentDocument[],
  cutoff: Date,
  settings: OfflineSettings = serviceDefaults,
): OfflineModels {
  const now = cutoff.getTime();
  const popularityScore = new Map<string, number>();
  const interactions = [];
  for (const order of train) {
    const age = now - order.placedAt.getTime();
    for (const productId of order.productIds) {
      if (age <= settings.popularityWindowMs) {
        popularityScore.set(
          productId,
          (popularityScore.get(productId) ?? 0) + decayed(5, age, settings.popularityHalfLifeMs),
        );
      }
      if (age <= settings.modelWindowMs) {
        interactions.push({
          actor: order.customerId,
          productId,
          weight: decayed(1, age, settings.modelHalfLifeMs),
        });
      }
    }
  }
  return {
    popularity: [...popularityScore]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, popularDepth)
      .map(([productId, score]) => ({ productId, score })),
    coPurchase: cosineNeighbours(interactions, { k: settings.neighboursPerProduct }),
    content: buildTfIdf(docs),
    contentCache: new Map(),
    settings,
    cutoff: now,
  };
}

/** A customer's seeds as the service derives them: purchases in the window, decayed, strongest 20, relative to the strongest. */
export function seedsOf(models: OfflineModels, history: readonly SyntheticOrder[]) {
  const weights = new Map<string, number>();
  for (const order of history) {
    const age = models.cutoff - order.placedAt.getTime();
    if (age > models.settings.modelWindowMs) continue;
    for (const productId of order.productIds) {
      weights.set(
        productId,
        (weights.get(productId) ?? 0) + decayed(5, age, models.settings.modelHalfLifeMs),
      );
    }
  }
  const sorted = [...weights]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, models.settings.seeds);
  const top = sorted[0]?.[1] ?? 1;
  return sorted.map(([productId, weight]) => ({ productId, weight: weight / top }));
}

function neighboursOf(
  models: OfflineModels,
  seeds: ReadonlyArray<{ productId: string }>,
  weights: KindWeights,
) {
  const neighbours: KindedNeighbour[] = [];
  for (const { productId } of seeds) {
    if (weights.co_purchase > 0) {
      for (const n of models.coPurchase.get(productId) ?? []) {
        neighbours.push({ productId, neighbourId: n.neighbourId, kind: 'co_purchase', score: n.score });
      }
    }
    if (weights.content > 0) {
      let list = models.contentCache.get(productId);
      if (!list) {
        list = contentNeighboursOf(models.content, productId, {
          k: models.settings.neighboursPerProduct,
          minScore: 0.05,
        });
        models.contentCache.set(productId, list);
      }
      for (const n of list)
        neighbours.push({ productId, neighbourId: n.neighbourId, kind: 'content', score: n.score });
    }
  }
  return neighbours;
}

/**
 * The top `k` of one recommender for a customer with this purchase history
 * (already bought products never come back). Item-CF and content are
 * reported pure (they may return fewer than `k`); the hybrid is what the
 * service answers: co-purchase and content blended, topped up with popularity.
 */
export function recommend(
  name: RecommenderName,
  models: OfflineModels,
  history: readonly SyntheticOrder[],
  k: number,
): string[] {
  const purchased = new Set(history.flatMap((order) => order.productIds));
  if (name === 'popularity') {
    return models.popularity
      .map((p) => p.productId)
      .filter((id) => !purchased.has(id))
      .slice(0, k);
  }
  const seeds = seedsOf(models, history);
  const weights: KindWeights =
    name === 'item-cf'
      ? { co_purchase: 1, co_view: 0, content: 0 }
      : name === 'content'
        ? { co_purchase: 0, co_view: 0, content: 1 }
        : forYouWeights;
  const ranked = blend(seeds, neighboursOf(models, seeds, weights), weights, purchased);
  const final =
    name === 'hybrid'
      ? withPopularity(ranked, models.popularity, models.settings.popularityShare, purchased)
      : ranked;
  return final.slice(0, k).map((p) => p.productId);
}
