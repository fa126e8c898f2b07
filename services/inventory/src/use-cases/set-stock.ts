import { createEnvelope } from '@emporium/contracts/events/envelope';
import { inventoryUpdated } from '@emporium/contracts/events/inventory-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { stockOfSku, upsertStock } from '../db/stock.repo.js';
import { findWarehouse } from '../db/warehouses.repo.js';
import { inventoryErrors } from '../domain/errors.js';
import { availableOf, type StockView, stockViewOf } from '../domain/stock.js';
import type { InventoryDeps } from './deps.js';

/** Postgres' code for a violated CHECK constraint. */
const checkViolation = '23514';

const isCheckViolation = (error: unknown) =>
  (error as { code?: string }).code === checkViolation ||
  (error as { cause?: { code?: string } }).cause?.code === checkViolation;

/**
 * Sets a SKU's on-hand stock in one warehouse (an admin count or correction)
 * and announces it: `inventory.updated` is written to the outbox in the same
 * transaction, so the change and its event commit together or not at all.
 */
export async function setStock(
  deps: InventoryDeps,
  ctx: RequestContext,
  input: { sku: string; warehouseId: string; onHand: number; lowStockThreshold?: number | undefined },
): Promise<StockView> {
  if (!(await findWarehouse(deps.db, input.warehouseId))) {
    throw inventoryErrors.WAREHOUSE_NOT_FOUND(`warehouse "${input.warehouseId}" does not exist`);
  }
  try {
    const view = await deps.db.transaction(async (tx) => {
      const level = await upsertStock(tx, {
        sku: input.sku,
        warehouseId: input.warehouseId,
        onHand: input.onHand,
        lowStockThreshold: input.lowStockThreshold ?? deps.defaultLowStockThreshold,
      });
      const stock = stockViewOf(input.sku, await stockOfSku(tx, input.sku));
      await deps.events.enqueue(
        tx,
        createEnvelope(inventoryUpdated, {
          subject: input.sku,
          data: {
            sku: input.sku,
            warehouseId: input.warehouseId,
            onHand: level.onHand,
            reserved: level.reserved,
            available: availableOf(level),
            totalAvailable: stock.available,
            reason: 'set',
            updatedAt: new Date().toISOString(),
          },
          ...traceContextOf(ctx.trace),
        }),
      );
      return stock;
    });
    ctx.logger.info({ sku: input.sku, warehouseId: input.warehouseId, onHand: input.onHand }, 'stock set');
    return view;
  } catch (error) {
    if (isCheckViolation(error)) throw inventoryErrors.STOCK_BELOW_RESERVED();
    throw error;
  }
}
