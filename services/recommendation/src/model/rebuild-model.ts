import { interactions } from '../db/behaviour-events.repo.js';
import { replaceAllNeighbours } from '../db/item-neighbours.repo.js';
import { cosineNeighbours } from '../domain/item-similarity.js';
import type { RecommendationDeps } from '../use-cases/deps.js';
import { forgetProducts } from './answer-cache.js';
import { behaviourModels } from './update-behaviour-neighbours.js';
import { rebuildContentNeighbours } from './update-content-neighbours.js';

export interface RebuildReport {
  products: number;
  ms: number;
}

/**
 * The periodic full rebuild: every neighbour list recomputed from all
 * interactions in the window (which applies decay and forgets what fell out
 * of it) and from the whole active catalog, written product by product
 * (see `replaceAllNeighbours`).
 */
export async function rebuildModel(deps: RecommendationDeps): Promise<RebuildReport> {
  const started = performance.now();
  const products = new Set<string>();
  for (const { kind, weights } of behaviourModels) {
    const rows = await interactions(deps.db, {
      weights,
      halfLifeSeconds: deps.model.halfLifeMs / 1_000,
      windowSeconds: deps.model.windowMs / 1_000,
    });
    const lists = cosineNeighbours(rows, { k: deps.model.neighboursPerProduct });
    await replaceAllNeighbours(deps.db, kind, lists);
    deps.metrics.modelUpdates.inc({ model: 'behaviour', mode: 'rebuild' }, lists.size);
    for (const id of lists.keys()) products.add(id);
  }
  for (const id of await rebuildContentNeighbours(deps)) products.add(id);
  await forgetProducts(deps.cache, deps.logger, products);
  return { products: products.size, ms: Math.round(performance.now() - started) };
}
