import { stockOfSku } from '../db/stock.repo.js';
import { inventoryErrors } from '../domain/errors.js';
import { type StockView, stockViewOf } from '../domain/stock.js';
import type { InventoryDeps } from './deps.js';

export async function getStock(deps: InventoryDeps, sku: string): Promise<StockView> {
  const levels = await stockOfSku(deps.db, sku);
  if (levels.length === 0) throw inventoryErrors.STOCK_NOT_FOUND(`no stock recorded for SKU "${sku}"`);
  return stockViewOf(sku, levels);
}
