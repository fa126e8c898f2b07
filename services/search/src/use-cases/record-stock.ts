import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { productInStock, productOfSku, recordAvailability } from '../db/availability.repo.js';
import type { SearchDeps } from './deps.js';

export type StockOutcome = 'stock' | 'stale' | 'unknown-sku';

/**
 * A SKU's availability changed (`inventory.updated`): recorded, then its
 * product's `inStock` derived again from all of its SKUs, in the caller's
 * transaction. A change older than the one recorded is ignored.
 */
export async function recordStock(
  deps: Pick<SearchDeps, 'engine'>,
  tx: SqlExecutor,
  change: { sku: string; totalAvailable: number; updatedAt: string },
): Promise<StockOutcome> {
  const applied = await recordAvailability(tx, {
    sku: change.sku,
    totalAvailable: change.totalAvailable,
    updatedAt: new Date(change.updatedAt),
  });
  if (!applied) return 'stale';
  // Stock may arrive before the product: kept, and read when the product is indexed.
  const productId = await productOfSku(tx, change.sku);
  if (!productId) return 'unknown-sku';
  await deps.engine.writer(tx).setInStock(productId, await productInStock(tx, productId));
  return 'stock';
}
