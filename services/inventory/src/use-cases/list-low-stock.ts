import { decodeCursor, type Page, pageFromRows } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { lowStockPage } from '../db/stock.repo.js';
import type { StockLevel } from '../domain/stock.js';
import type { InventoryDeps } from './deps.js';

const position = Type.Tuple([Type.String(), Type.String()]);

/** Rows whose available stock is at or below their threshold, by SKU then warehouse. */
export async function listLowStock(
  deps: InventoryDeps,
  input: { limit: number; cursor?: string | undefined; warehouseId?: string | undefined },
): Promise<Page<StockLevel>> {
  const after = input.cursor ? decodeCursor(position, input.cursor) : undefined;
  const rows = await lowStockPage(deps.db, {
    limit: input.limit + 1,
    after,
    warehouseId: input.warehouseId,
  });
  return pageFromRows(rows, input.limit, (row) => [row.sku, row.warehouseId]);
}
