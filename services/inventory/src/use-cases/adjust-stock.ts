import { platformErrors } from '@emporium/platform/http/errors';
import type { RequestContext } from '@emporium/platform/http/request-context';
import type { StockView } from '../domain/stock.js';
import type { InventoryDeps } from './deps.js';
import { changeStockRow } from './steps/change-stock-row.js';

/**
 * Moves on-hand stock by a delta: goods received, damaged, found in a
 * recount. Refused (nothing changes) if it would take on-hand below what is
 * reserved or below zero.
 */
export async function adjustStock(
  deps: InventoryDeps,
  ctx: RequestContext,
  input: {
    sku: string;
    warehouseId: string;
    delta: number;
    reason: 'adjust' | 'receive';
    note?: string | undefined;
    actor: string;
  },
): Promise<StockView> {
  if (input.reason === 'receive' && input.delta < 0) {
    throw platformErrors.VALIDATION_FAILED('goods received add stock: use a positive delta', {
      errors: [{ in: 'body', path: '/delta', message: 'must be positive when reason is receive' }],
    });
  }
  const view = await changeStockRow(deps, ctx, {
    sku: input.sku,
    warehouseId: input.warehouseId,
    deltaOf: () => input.delta,
    reason: input.reason,
    actor: input.actor,
    note: input.note,
  });
  ctx.logger.info(
    { sku: input.sku, warehouseId: input.warehouseId, delta: input.delta, reason: input.reason },
    'stock adjusted',
  );
  return view;
}
