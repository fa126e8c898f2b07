import { describe, expect, it } from 'vitest';
import { allocate, canonicalLines, sameLines } from './allocation.js';
import type { StockLevel } from './stock.js';

const level = (sku: string, warehouseId: string, onHand: number, reserved = 0): StockLevel => ({
  sku,
  warehouseId,
  onHand,
  reserved,
  lowStockThreshold: 0,
});

describe('allocation', () => {
  it('takes from the warehouse with the most available first', () => {
    const result = allocate([{ sku: 'A', quantity: 2 }], [level('A', 'eu-1', 5), level('A', 'us-1', 9, 2)]);
    expect(result).toEqual({ ok: true, allocations: [{ sku: 'A', warehouseId: 'us-1', quantity: 2 }] });
  });

  it('splits a line across warehouses when one is not enough, skipping empty ones', () => {
    const result = allocate(
      [{ sku: 'A', quantity: 8 }],
      [level('A', 'eu-1', 5), level('A', 'us-1', 4, 1), level('A', 'zz-1', 3, 3)],
    );
    expect(result).toEqual({
      ok: true,
      allocations: [
        { sku: 'A', warehouseId: 'eu-1', quantity: 5 },
        { sku: 'A', warehouseId: 'us-1', quantity: 3 },
      ],
    });
  });

  it('allocates nothing when any line is short, and reports every short line', () => {
    const result = allocate(
      [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 3 },
        { sku: 'C', quantity: 1 },
      ],
      [level('A', 'eu-1', 5), level('B', 'eu-1', 2)],
    );
    expect(result).toEqual({
      ok: false,
      shortages: [
        { sku: 'B', requested: 3, available: 2, unknown: false },
        { sku: 'C', requested: 1, available: 0, unknown: true },
      ],
    });
  });

  it('merges repeated SKUs before allocating and comparing', () => {
    const lines = [
      { sku: 'B', quantity: 1 },
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 2 },
    ];
    expect(canonicalLines(lines)).toEqual([
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 3 },
    ]);
    expect(
      sameLines(lines, [
        { sku: 'B', quantity: 3 },
        { sku: 'A', quantity: 2 },
      ]),
    ).toBe(true);
    expect(sameLines(lines, [{ sku: 'B', quantity: 3 }])).toBe(false);
    expect(allocate(lines, [level('B', 'eu-1', 2)])).toMatchObject({
      ok: false,
      shortages: [{ sku: 'A' }, { sku: 'B', requested: 3, available: 2 }],
    });
  });
});
