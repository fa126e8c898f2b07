import { interactions } from '../db/behaviour-events.repo.js';
import { replaceNeighboursOf } from '../db/item-neighbours.repo.js';
import { cosineNeighbours } from '../domain/item-similarity.js';
import { coPurchaseWeights, coViewWeights, type NeighbourKind } from '../domain/neighbours.js';
import type { RecommendationDeps } from '../use-cases/deps.js';
import { forgetProducts } from './answer-cache.js';

export const behaviourModels: ReadonlyArray<{ kind: NeighbourKind; weights: Record<string, number> }> = [
  { kind: 'co_view', weights: coViewWeights },
  { kind: 'co_purchase', weights: coPurchaseWeights },
];

/**
 * The incremental update: the co-view and co-purchase neighbours of the
 * given products recomputed from the interactions that bear on them (their
 * actors' other products and those products' norms), written both ways.
 */
export async function updateBehaviourNeighbours(
  deps: RecommendationDeps,
  productIds: readonly string[],
): Promise<void> {
  if (productIds.length === 0) return;
  const touched = new Set(productIds);
  for (const { kind, weights } of behaviourModels) {
    const rows = await interactions(deps.db, {
      weights,
      halfLifeSeconds: deps.model.halfLifeMs / 1_000,
      windowSeconds: deps.model.windowMs / 1_000,
      around: productIds,
    });
    const lists = cosineNeighbours(rows, {
      k: deps.model.neighboursPerProduct,
      targets: new Set(productIds),
    });
    await deps.db.transaction((tx) => replaceNeighboursOf(tx, kind, lists, productIds));
    for (const list of lists.values()) for (const n of list) touched.add(n.neighbourId);
  }
  deps.metrics.modelUpdates.inc({ model: 'behaviour', mode: 'incremental' }, productIds.length);
  await forgetProducts(deps.cache, deps.logger, touched);
}
