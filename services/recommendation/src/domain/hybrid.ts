import type { NeighbourKind } from './neighbours.js';

/** A stored neighbour of some product, as the blend reads it. */
export interface KindedNeighbour {
  productId: string;
  neighbourId: string;
  kind: NeighbourKind;
  score: number;
}

export interface ScoredProduct {
  productId: string;
  score: number;
}

/** How much each kind of neighbour counts in a blend. */
export type KindWeights = Readonly<Record<NeighbourKind, number>>;

/**
 * "For you": the shopper's bought-together, co-viewed and content neighbours
 * add up, bought-together weighing most, content least (it only says "alike").
 */
export const forYouWeights: KindWeights = { co_purchase: 1, co_view: 0.6, content: 0.3 };
/**
 * How much popularity weighs in "for you" against the best personal score
 * (see `withPopularity`). Chosen with the offline evaluation among 0, 0.3,
 * 0.5, 1 and 2 (bench/results/recommendation-eval.md): 1 did best.
 */
export const popularityShare = 1;
/** "Similar products": seen together or alike in content; bought together is a different question. */
export const similarWeights: KindWeights = { co_view: 1, content: 0.6, co_purchase: 0 };
/** "Frequently bought together": co-purchases only. */
export const boughtTogetherWeights: KindWeights = { co_purchase: 1, co_view: 0, content: 0 };

/**
 * The hybrid: each candidate scores Σ over the seeds (the products the
 * shopper showed interest in, each with its weight) of Σ over kinds of
 * kindWeight × neighbour score. Seeds and `exclude` never come out.
 * Highest score first, ties by id.
 */
export function blend(
  seeds: ReadonlyArray<{ productId: string; weight: number }>,
  neighbours: readonly KindedNeighbour[],
  weights: KindWeights,
  exclude: ReadonlySet<string> = new Set(),
): ScoredProduct[] {
  const seedWeight = new Map<string, number>();
  for (const seed of seeds)
    seedWeight.set(seed.productId, (seedWeight.get(seed.productId) ?? 0) + seed.weight);
  const scores = new Map<string, number>();
  for (const n of neighbours) {
    const w = seedWeight.get(n.productId);
    const k = weights[n.kind];
    if (w === undefined || k === 0 || seedWeight.has(n.neighbourId) || exclude.has(n.neighbourId)) continue;
    scores.set(n.neighbourId, (scores.get(n.neighbourId) ?? 0) + w * k * n.score);
  }
  return [...scores]
    .map(([productId, score]) => ({ productId, score }))
    .sort((a, b) => b.score - a.score || (a.productId < b.productId ? -1 : 1));
}

/**
 * The last step of "for you": personal scores (normalised to the best one)
 * plus `share` × popularity (normalised to the best seller), over both
 * lists, so a popular product close to the shopper's taste beats an obscure
 * one equally close, and a shopper with few neighbours still gets a full
 * list. `exclude` (already bought) never comes out.
 */
export function withPopularity(
  personal: readonly ScoredProduct[],
  popular: readonly ScoredProduct[],
  share: number,
  exclude: ReadonlySet<string> = new Set(),
): ScoredProduct[] {
  const topPersonal = personal[0]?.score ?? 0;
  const topPopular = popular[0]?.score ?? 0;
  const scores = new Map<string, number>();
  for (const p of personal) {
    if (!exclude.has(p.productId) && topPersonal > 0) scores.set(p.productId, p.score / topPersonal);
  }
  for (const p of popular) {
    if (exclude.has(p.productId) || topPopular <= 0) continue;
    scores.set(p.productId, (scores.get(p.productId) ?? 0) + (share * p.score) / topPopular);
  }
  return [...scores]
    .map(([productId, score]) => ({ productId, score }))
    .sort((a, b) => b.score - a.score || (a.productId < b.productId ? -1 : 1));
}
