import { and, desc, eq, lt } from 'drizzle-orm';
import type { MovementReason } from '../domain/movement.js';
import type { InventoryExecutor } from './database.js';
import { movements } from './schema.js';

export type MovementRow = typeof movements.$inferSelect;

export interface NewMovement {
  sku: string;
  warehouseId: string;
  onHandDelta: number;
  reservedDelta: number;
  reason: MovementReason;
  actor: string;
  reference?: string | null | undefined;
  note?: string | null | undefined;
}

export async function insertMovements(db: InventoryExecutor, rows: readonly NewMovement[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(movements)
    .values(rows.map((row) => ({ ...row, reference: row.reference ?? null, note: row.note ?? null })));
}

/** A SKU's movements, newest first, strictly before `beforeId`. */
export async function movementsPage(
  db: InventoryExecutor,
  query: { sku: string; limit: number; beforeId?: number | undefined; warehouseId?: string | undefined },
): Promise<MovementRow[]> {
  return db
    .select()
    .from(movements)
    .where(
      and(
        eq(movements.sku, query.sku),
        query.warehouseId ? eq(movements.warehouseId, query.warehouseId) : undefined,
        query.beforeId !== undefined ? lt(movements.id, query.beforeId) : undefined,
      ),
    )
    .orderBy(desc(movements.id))
    .limit(query.limit);
}
