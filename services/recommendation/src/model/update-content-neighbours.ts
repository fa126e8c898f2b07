import { activeDocuments } from '../db/catalog.repo.js';
import { replaceAllNeighbours, replaceNeighboursOf } from '../db/item-neighbours.repo.js';
import { buildTfIdf, contentNeighboursOf } from '../domain/content-similarity.js';
import type { Neighbour } from '../domain/item-similarity.js';
import type { RecommendationDeps } from '../use-cases/deps.js';
import { forgetProducts } from './answer-cache.js';

/** Content neighbours below this cosine say little; not stored. */
const minContentScore = 0.05;

/** Lets the event loop breathe while thousands of products are compared (embedded mode shares it). */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

async function neighbourLists(
  deps: RecommendationDeps,
  productIds: readonly string[] | undefined,
): Promise<{ lists: Map<string, Neighbour[]>; targets: readonly string[] }> {
  const docs = await activeDocuments(deps.db);
  const model = buildTfIdf(docs);
  const targets = productIds ?? docs.map((doc) => doc.productId);
  const lists = new Map<string, Neighbour[]>();
  for (const [i, productId] of targets.entries()) {
    if (i % 200 === 199) await breathe();
    lists.set(
      productId,
      contentNeighboursOf(model, productId, {
        k: deps.model.neighboursPerProduct,
        minScore: minContentScore,
      }),
    );
  }
  return { lists, targets };
}

/**
 * A product was created or edited: its content neighbours recomputed
 * against the whole active catalog (an archived or deleted product gets an
 * empty list), and written both ways.
 */
export async function updateContentNeighbours(
  deps: RecommendationDeps,
  productIds: readonly string[],
): Promise<void> {
  if (productIds.length === 0) return;
  const { lists } = await neighbourLists(deps, productIds);
  await deps.db.transaction((tx) => replaceNeighboursOf(tx, 'content', lists, productIds));
  deps.metrics.modelUpdates.inc({ model: 'content', mode: 'incremental' }, productIds.length);
  const touched = new Set(productIds);
  for (const list of lists.values()) for (const n of list) touched.add(n.neighbourId);
  await forgetProducts(deps.cache, deps.logger, touched);
}

/** The full rebuild of content neighbours; returns how many products have a list. */
export async function rebuildContentNeighbours(deps: RecommendationDeps): Promise<Set<string>> {
  const { lists } = await neighbourLists(deps, undefined);
  await replaceAllNeighbours(deps.db, 'content', lists);
  deps.metrics.modelUpdates.inc({ model: 'content', mode: 'rebuild' }, lists.size);
  return new Set(lists.keys());
}
