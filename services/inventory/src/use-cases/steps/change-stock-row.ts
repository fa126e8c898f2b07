import type { RequestContext } from '@emporium/platform/http/request-context';
import { ensureStockRow, lockStockOf } from '../../db/stock.repo.js';
import { findWarehouse } from '../../db/warehouses.repo.js';
import { inventoryErrors } from '../../domain/errors.js';
import type { MovementReason } from '../../domain/movement.js';
import { type StockView, stockViewOf } from '../../domain/stock.js';
import type { TrackedLevel } from '../../domain/stock-plan.js';
import type { InventoryDeps } from '../deps.js';
import { applyStockChanges } from './apply-stock-changes.js';

/**
 * An operator's change to one (SKU, warehouse) row, created empty first if
 * new: `deltaOf` sees the locked row and says how much on-hand moves.
 * Returns the SKU's stock across warehouses after the change.
 */
export async function changeStockRow(
  deps: InventoryDeps,
  ctx: RequestContext,
  input: {
    sku: string;
    warehouseId: string;
    deltaOf: (row: TrackedLevel) => number;
    lowStockThreshold?: number | undefined;
    reason: MovementReason;
    actor: string;
    note?: string | undefined;
  },
): Promise<StockView> {
  if (!(await findWarehouse(deps.db, input.warehouseId))) {
    throw inventoryErrors.WAREHOUSE_NOT_FOUND(`warehouse "${input.warehouseId}" does not exist`);
  }
  return deps.db.transaction(async (tx) => {
    await ensureStockRow(tx, {
      sku: input.sku,
      warehouseId: input.warehouseId,
      lowStockThreshold: input.lowStockThreshold ?? deps.settings.defaultLowStockThreshold,
    });
    const locked = await lockStockOf(tx, [input.sku]);
    const row = locked.find((level) => level.warehouseId === input.warehouseId)!;
    const plan = await applyStockChanges(deps, tx, locked, {
      changes: [
        {
          sku: input.sku,
          warehouseId: input.warehouseId,
          onHandDelta: input.deltaOf(row),
          reservedDelta: 0,
          lowStockThreshold: input.lowStockThreshold,
        },
      ],
      reason: input.reason,
      actor: input.actor,
      note: input.note,
      trace: ctx.trace,
    });
    return stockViewOf(
      input.sku,
      plan.after.map(({ sku, warehouseId, onHand, reserved, lowStockThreshold }) => ({
        sku,
        warehouseId,
        onHand,
        reserved,
        lowStockThreshold,
      })),
    );
  });
}
