import { inventoryErrors } from './errors.js';
import { availableOf, type StockLevel } from './stock.js';

/** A stock row as the write path sees it: the levels plus what has been announced about them. */
export interface TrackedLevel extends StockLevel {
  lowStockAnnounced: boolean;
  outOfStockAnnounced: boolean;
}

/** One change to one row: deltas, and optionally a new threshold. */
export interface LevelChange {
  sku: string;
  warehouseId: string;
  onHandDelta: number;
  reservedDelta: number;
  lowStockThreshold?: number | undefined;
}

export type StockAlert =
  | { kind: 'low_stock'; sku: string; warehouseId: string; available: number; threshold: number }
  | { kind: 'out_of_stock'; sku: string; warehouseId: string };

export interface StockPlan {
  /** Every locked row, after the change. */
  after: TrackedLevel[];
  /** Rows whose stock changed, after the change, in the order of the changes (movements, `inventory.updated`). */
  changed: TrackedLevel[];
  /** Every row to write back: the changed ones and those whose announcement flags moved. */
  writes: TrackedLevel[];
  alerts: StockAlert[];
}

const keyOf = (level: { sku: string; warehouseId: string }) => `${level.sku}\u0000${level.warehouseId}`;

/** A row is low when what can be sold is at or below its threshold. */
export const isLow = (level: TrackedLevel) => availableOf(level) <= level.lowStockThreshold;

/**
 * Applies changes to the locked rows of their SKUs (every row of each SKU, so
 * totals are exact) and decides the alerts. Each alert fires once per
 * crossing: a row's `lowStockAnnounced` is set when `inventory.low_stock`
 * goes out and cleared when the row rises above its threshold again; a SKU's
 * stock-out is announced once (flag on the row that caused it) and cleared on
 * every row when any stock is available again.
 */
export function planStockChanges(
  locked: readonly TrackedLevel[],
  changes: readonly LevelChange[],
): StockPlan {
  const rows = new Map(locked.map((level) => [keyOf(level), { ...level }]));
  const dirty = new Set<string>();
  const changed: TrackedLevel[] = [];
  for (const change of changes) {
    const row = rows.get(keyOf(change));
    if (!row) throw new Error(`stock row ${change.sku}@${change.warehouseId} was not locked`);
    row.onHand += change.onHandDelta;
    row.reserved += change.reservedDelta;
    if (change.lowStockThreshold !== undefined) row.lowStockThreshold = change.lowStockThreshold;
    if (row.reserved < 0 || row.onHand < row.reserved) {
      throw inventoryErrors.STOCK_BELOW_RESERVED(
        `${change.sku} in ${change.warehouseId}: on hand ${row.onHand}, reserved ${row.reserved}`,
      );
    }
    dirty.add(keyOf(row));
    if (!changed.includes(row)) changed.push(row);
  }

  const alerts: StockAlert[] = [];
  for (const row of changed) {
    const low = isLow(row);
    if (low && !row.lowStockAnnounced) {
      alerts.push({
        kind: 'low_stock',
        sku: row.sku,
        warehouseId: row.warehouseId,
        available: availableOf(row),
        threshold: row.lowStockThreshold,
      });
    }
    row.lowStockAnnounced = low;
  }
  for (const sku of new Set(changed.map((row) => row.sku))) {
    const ofSku = [...rows.values()].filter((row) => row.sku === sku);
    const total = ofSku.reduce((sum, row) => sum + availableOf(row), 0);
    if (total === 0 && !ofSku.some((row) => row.outOfStockAnnounced)) {
      const cause = changed.find((row) => row.sku === sku)!;
      cause.outOfStockAnnounced = true;
      alerts.push({ kind: 'out_of_stock', sku, warehouseId: cause.warehouseId });
    }
    if (total > 0) for (const row of ofSku) row.outOfStockAnnounced = false;
  }

  const before = new Map(locked.map((level) => [keyOf(level), level]));
  const writes = [...rows.values()].filter((row) => {
    const was = before.get(keyOf(row))!;
    return (
      dirty.has(keyOf(row)) ||
      was.lowStockAnnounced !== row.lowStockAnnounced ||
      was.outOfStockAnnounced !== row.outOfStockAnnounced
    );
  });
  return { after: [...rows.values()], changed, writes, alerts };
}
