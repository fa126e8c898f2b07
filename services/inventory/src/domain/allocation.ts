import { availableOf, type StockLevel } from './stock.js';

export interface RequestedLine {
  sku: string;
  quantity: number;
}

export interface Allocation {
  sku: string;
  warehouseId: string;
  quantity: number;
}

export interface Shortage {
  sku: string;
  requested: number;
  available: number;
  /** No warehouse has ever stocked it. */
  unknown: boolean;
}

/** SKU, then warehouse, by code point: the one order allocations are shown and events written in. */
export const byStockKey = (
  a: { sku: string; warehouseId: string },
  b: { sku: string; warehouseId: string },
) =>
  a.sku === b.sku
    ? a.warehouseId < b.warehouseId
      ? -1
      : a.warehouseId > b.warehouseId
        ? 1
        : 0
    : a.sku < b.sku
      ? -1
      : 1;

export type AllocationResult = { ok: true; allocations: Allocation[] } | { ok: false; shortages: Shortage[] };

/** Merges repeated SKUs and sorts by SKU: the canonical form a repeat of the request is compared in. */
export function canonicalLines(lines: readonly RequestedLine[]): RequestedLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.sku, (merged.get(line.sku) ?? 0) + line.quantity);
  return [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, quantity]) => ({ sku, quantity }));
}

export function sameLines(a: readonly RequestedLine[], b: readonly RequestedLine[]): boolean {
  const left = canonicalLines(a);
  const right = canonicalLines(b);
  return (
    left.length === right.length &&
    left.every((line, i) => line.sku === right[i]!.sku && line.quantity === right[i]!.quantity)
  );
}

/**
 * All or nothing: every line is taken from the warehouses with the most
 * available first (ties by warehouse id), split across several when one is
 * not enough; if any line cannot be covered, nothing is allocated and every
 * short line is reported.
 */
export function allocate(lines: readonly RequestedLine[], levels: readonly StockLevel[]): AllocationResult {
  const allocations: Allocation[] = [];
  const shortages: Shortage[] = [];
  for (const line of canonicalLines(lines)) {
    const candidates = levels
      .filter((level) => level.sku === line.sku && availableOf(level) > 0)
      .sort(
        (a, b) =>
          availableOf(b) - availableOf(a) ||
          (a.warehouseId < b.warehouseId ? -1 : a.warehouseId > b.warehouseId ? 1 : 0),
      );
    const available = candidates.reduce((sum, level) => sum + availableOf(level), 0);
    if (available < line.quantity) {
      shortages.push({
        sku: line.sku,
        requested: line.quantity,
        available,
        unknown: !levels.some((level) => level.sku === line.sku),
      });
      continue;
    }
    let left = line.quantity;
    for (const level of candidates) {
      if (left === 0) break;
      const quantity = Math.min(left, availableOf(level));
      allocations.push({ sku: line.sku, warehouseId: level.warehouseId, quantity });
      left -= quantity;
    }
  }
  return shortages.length > 0 ? { ok: false, shortages } : { ok: true, allocations };
}
