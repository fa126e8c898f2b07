import type { RequestContext } from '@emporium/platform/http/request-context';
import { stockOfSku, upsertStock } from '../db/stock.repo.js';
import { findWarehouse } from '../db/warehouses.repo.js';
import { inventoryErrors } from '../domain/errors.js';
import { type StockView, stockViewOf } from '../domain/stock.js';
import type { InventoryDeps } from './deps.js';

/** Postgres' code for a violated CHECK constraint. */
const checkViolation = '23514';

export async function setStock(
  deps: InventoryDeps,
  ctx: RequestContext,
  input: { sku: string; warehouseId: string; onHand: number; lowStockThreshold?: number | undefined },
): Promise<StockView> {
  if (!(await findWarehouse(deps.db, input.warehouseId))) {
    throw inventoryErrors.WAREHOUSE_NOT_FOUND(`warehouse "${input.warehouseId}" does not exist`);
  }
  try {
    await upsertStock(deps.db, {
      sku: input.sku,
      warehouseId: input.warehouseId,
      onHand: input.onHand,
      lowStockThreshold: input.lowStockThreshold ?? deps.defaultLowStockThreshold,
    });
  } catch (error) {
    if (
      (error as { code?: string }).code === checkViolation ||
      (error as { cause?: { code?: string } }).cause?.code === checkViolation
    ) {
      throw inventoryErrors.STOCK_BELOW_RESERVED();
    }
    throw error;
  }
  ctx.logger.info({ sku: input.sku, warehouseId: input.warehouseId, onHand: input.onHand }, 'stock set');
  return stockViewOf(input.sku, await stockOfSku(deps.db, input.sku));
}
