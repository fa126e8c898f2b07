import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { hideProduct } from '../db/hidden-products.repo.js';
import type { SearchDeps } from './deps.js';

/**
 * A product left the catalog (`product.deleted`): out of the index, in the
 * caller's transaction, and kept out against older versions arriving late.
 * Its SKU map stays: a later version may bring it back (deletion archives).
 */
export async function removeProduct(
  deps: Pick<SearchDeps, 'engine'>,
  tx: SqlExecutor,
  removal: { id: string; deletedAt: string },
): Promise<void> {
  const asOf = new Date(removal.deletedAt);
  await hideProduct(tx, { productId: removal.id, asOf, reason: 'deleted' });
  await deps.engine.writer(tx).remove(removal.id, asOf);
}
