import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { StockLevel } from '../domain/stock.js';
import type { TrackedLevel } from '../domain/stock-plan.js';
import type { InventoryExecutor } from './database.js';
import { stockLevels } from './schema.js';

const columns = {
  sku: stockLevels.sku,
  warehouseId: stockLevels.warehouseId,
  onHand: stockLevels.onHand,
  reserved: stockLevels.reserved,
  lowStockThreshold: stockLevels.lowStockThreshold,
};

const tracked = {
  ...columns,
  lowStockAnnounced: stockLevels.lowStockAnnounced,
  outOfStockAnnounced: stockLevels.outOfStockAnnounced,
};

export async function stockOfSku(db: InventoryExecutor, sku: string): Promise<StockLevel[]> {
  return db
    .select(columns)
    .from(stockLevels)
    .where(eq(stockLevels.sku, sku))
    .orderBy(asc(stockLevels.warehouseId));
}

/** The SKUs' rows as last committed, without locking: enough to refuse what certainly cannot be had. */
export async function stockOfSkus(db: InventoryExecutor, skus: readonly string[]): Promise<StockLevel[]> {
  if (skus.length === 0) return [];
  return db
    .select(columns)
    .from(stockLevels)
    .where(inArray(stockLevels.sku, [...new Set(skus)]));
}

/**
 * Locks every row of the SKUs until the transaction ends. Always in (sku,
 * warehouse) order, so two transactions touching the same SKUs queue behind
 * each other instead of deadlocking, and totals read under the lock are exact.
 */
export async function lockStockOf(db: InventoryExecutor, skus: readonly string[]): Promise<TrackedLevel[]> {
  if (skus.length === 0) return [];
  return db
    .select(tracked)
    .from(stockLevels)
    .where(inArray(stockLevels.sku, [...new Set(skus)]))
    .orderBy(asc(stockLevels.sku), asc(stockLevels.warehouseId))
    .for('update');
}

/** Creates an empty row (nothing on hand) unless it exists, so a change can then be applied as a delta. */
export async function ensureStockRow(
  db: InventoryExecutor,
  row: { sku: string; warehouseId: string; lowStockThreshold: number },
): Promise<void> {
  await db
    .insert(stockLevels)
    .values({ ...row, onHand: 0, reserved: 0 })
    .onConflictDoNothing();
}

/** Writes rows planned under `lockStockOf` (absolute values: the rows are locked). */
export async function writeLevels(db: InventoryExecutor, levels: readonly TrackedLevel[]): Promise<void> {
  for (const level of levels) {
    await db
      .update(stockLevels)
      .set({
        onHand: level.onHand,
        reserved: level.reserved,
        lowStockThreshold: level.lowStockThreshold,
        lowStockAnnounced: level.lowStockAnnounced,
        outOfStockAnnounced: level.outOfStockAnnounced,
        updatedAt: sql`now()`,
      })
      .where(and(eq(stockLevels.sku, level.sku), eq(stockLevels.warehouseId, level.warehouseId)));
  }
}

/** Rows at or below their threshold, by (sku, warehouse), starting after `after`. */
export async function lowStockPage(
  db: InventoryExecutor,
  query: { limit: number; after?: [string, string] | undefined; warehouseId?: string | undefined },
): Promise<StockLevel[]> {
  const after = query.after;
  return db
    .select(columns)
    .from(stockLevels)
    .where(
      and(
        sql`${stockLevels.onHand} - ${stockLevels.reserved} <= ${stockLevels.lowStockThreshold}`,
        query.warehouseId ? eq(stockLevels.warehouseId, query.warehouseId) : undefined,
        after
          ? or(
              gt(stockLevels.sku, after[0]),
              and(eq(stockLevels.sku, after[0]), gt(stockLevels.warehouseId, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(asc(stockLevels.sku), asc(stockLevels.warehouseId))
    .limit(query.limit);
}

/**
 * Bulk load for the demo seed: existing rows are left as they are. Rows that
 * start low count as announced, so only real crossings raise alerts (a SKU
 * seeded with nothing anywhere is announced on its first change).
 */
export async function insertStockIfAbsent(
  db: InventoryExecutor,
  levels: Array<Omit<StockLevel, 'reserved'>>,
): Promise<number> {
  if (levels.length === 0) return 0;
  const rows = await db
    .insert(stockLevels)
    .values(
      levels.map((level) => ({
        ...level,
        lowStockAnnounced: level.onHand <= level.lowStockThreshold,
      })),
    )
    .onConflictDoNothing()
    .returning({ sku: stockLevels.sku });
  return rows.length;
}
