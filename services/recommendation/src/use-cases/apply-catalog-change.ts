import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import {
  markProductDeleted,
  productsOfSku,
  recordSkuStock,
  refreshAvailability,
  upsertCatalogProduct,
} from '../db/catalog.repo.js';
import { queueForModel } from '../db/model-backlog.repo.js';
import { catalogRowOf, type ProductDocumentLike } from '../domain/catalog-product.js';

/**
 * A product's document (created or updated) into the projection, unless a
 * later one is stored; its content neighbours are queued for recomputation.
 */
export async function applyProduct(
  tx: SqlExecutor,
  product: ProductDocumentLike,
): Promise<'applied' | 'stale'> {
  if (!(await upsertCatalogProduct(tx, catalogRowOf(product)))) return 'stale';
  await refreshAvailability(tx, [product.id]);
  await queueForModel(tx, 'content', [product.id]);
  return 'applied';
}

/** A product left the catalog: never recommended again; its content neighbours go at once. */
export async function removeProduct(
  tx: SqlExecutor,
  product: { id: string; deletedAt: string },
): Promise<void> {
  await markProductDeleted(tx, product.id, new Date(product.deletedAt));
  await refreshAvailability(tx, [product.id]);
  await queueForModel(tx, 'content', [product.id]);
}

/**
 * A SKU's stock (inventory.updated, inventory.out_of_stock) as of its own
 * time: a late change is ignored. Its products' availability is derived
 * again; answers filter on it as they are read, so no list is recomputed.
 */
export async function recordStock(
  tx: SqlExecutor,
  change: { sku: string; totalAvailable: number; updatedAt: string },
): Promise<{ applied: boolean; productIds: string[] }> {
  const applied = await recordSkuStock(tx, { ...change, updatedAt: new Date(change.updatedAt) });
  const productIds = applied ? await productsOfSku(tx, change.sku) : [];
  if (productIds.length > 0) await refreshAvailability(tx, productIds);
  return { applied, productIds };
}
