import { asc, eq, sql } from 'drizzle-orm';
import type { StockLevel } from '../domain/stock.js';
import type { InventoryExecutor } from './database.js';
import { stockLevels } from './schema.js';

const columns = {
  sku: stockLevels.sku,
  warehouseId: stockLevels.warehouseId,
  onHand: stockLevels.onHand,
  reserved: stockLevels.reserved,
  lowStockThreshold: stockLevels.lowStockThreshold,
};

export async function stockOfSku(db: InventoryExecutor, sku: string): Promise<StockLevel[]> {
  return db
    .select(columns)
    .from(stockLevels)
    .where(eq(stockLevels.sku, sku))
    .orderBy(asc(stockLevels.warehouseId));
}

/**
 * Sets on-hand stock and threshold, creating the row when new. The CHECK
 * constraints reject on-hand below reserved; the caller maps that to a 409.
 */
export async function upsertStock(
  db: InventoryExecutor,
  level: { sku: string; warehouseId: string; onHand: number; lowStockThreshold: number },
): Promise<StockLevel> {
  const [row] = await db
    .insert(stockLevels)
    .values(level)
    .onConflictDoUpdate({
      target: [stockLevels.sku, stockLevels.warehouseId],
      set: { onHand: level.onHand, lowStockThreshold: level.lowStockThreshold, updatedAt: sql`now()` },
    })
    .returning(columns);
  return row!;
}

/** Bulk load for the demo seed: existing rows are left as they are. */
export async function insertStockIfAbsent(
  db: InventoryExecutor,
  levels: Array<Omit<StockLevel, 'reserved'>>,
): Promise<number> {
  if (levels.length === 0) return 0;
  const rows = await db
    .insert(stockLevels)
    .values(levels)
    .onConflictDoNothing()
    .returning({ sku: stockLevels.sku });
  return rows.length;
}
