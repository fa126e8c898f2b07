import type { RequestContext } from '@emporium/platform/http/request-context';
import type { StockView } from '../domain/stock.js';
import type { InventoryDeps } from './deps.js';
import { changeStockRow } from './steps/change-stock-row.js';

/**
 * Sets a SKU's on-hand stock in one warehouse (an admin count or
 * correction), and its low-stock threshold when given. The ledger records
 * the difference from what was on hand; `inventory.updated` (and any
 * low-stock crossing) commits with the change. Never below what is reserved.
 */
export async function setStock(
  deps: InventoryDeps,
  ctx: RequestContext,
  input: {
    sku: string;
    warehouseId: string;
    onHand: number;
    lowStockThreshold?: number | undefined;
    actor: string;
  },
): Promise<StockView> {
  const view = await changeStockRow(deps, ctx, {
    sku: input.sku,
    warehouseId: input.warehouseId,
    deltaOf: (row) => input.onHand - row.onHand,
    lowStockThreshold: input.lowStockThreshold,
    reason: 'set',
    actor: input.actor,
  });
  ctx.logger.info({ sku: input.sku, warehouseId: input.warehouseId, onHand: input.onHand }, 'stock set');
  return view;
}
