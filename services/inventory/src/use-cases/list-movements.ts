import { decodeCursor, type Page, pageFromRows } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { type MovementRow, movementsPage } from '../db/movements.repo.js';
import type { InventoryDeps } from './deps.js';

const position = Type.Tuple([Type.Integer({ minimum: 1 })]);

/** A SKU's ledger, newest first, optionally of one warehouse. */
export async function listMovements(
  deps: InventoryDeps,
  input: { sku: string; limit: number; cursor?: string | undefined; warehouseId?: string | undefined },
): Promise<Page<MovementRow>> {
  const before = input.cursor ? decodeCursor(position, input.cursor)[0] : undefined;
  const rows = await movementsPage(deps.db, {
    sku: input.sku,
    limit: input.limit + 1,
    beforeId: before,
    warehouseId: input.warehouseId,
  });
  return pageFromRows(rows, input.limit, (row) => [row.id]);
}
