import type { RequestContext } from '@emporium/platform/http/request-context';
import { insertWarehouse, type WarehouseRow } from '../db/warehouses.repo.js';
import { inventoryErrors } from '../domain/errors.js';
import type { InventoryDeps } from './deps.js';

export async function createWarehouse(
  deps: InventoryDeps,
  ctx: RequestContext,
  input: { id: string; name: string; country?: string | undefined },
): Promise<WarehouseRow> {
  const created = await insertWarehouse(deps.db, {
    id: input.id,
    name: input.name,
    country: input.country ?? null,
  });
  if (!created) throw inventoryErrors.WAREHOUSE_EXISTS(`warehouse "${input.id}" already exists`);
  ctx.logger.info({ warehouseId: created.id }, 'warehouse created');
  return created;
}
