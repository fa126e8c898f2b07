import { describe, expect, it } from 'vitest';
import { availableOf, stockViewOf } from './stock.js';

describe('stock', () => {
  it('available is on hand minus reserved, never negative', () => {
    expect(availableOf({ onHand: 10, reserved: 3 })).toBe(7);
    expect(availableOf({ onHand: 2, reserved: 5 })).toBe(0);
  });

  it('sums a SKU across warehouses', () => {
    const view = stockViewOf('SKU-1', [
      { sku: 'SKU-1', warehouseId: 'a', onHand: 5, reserved: 1, lowStockThreshold: 2 },
      { sku: 'SKU-1', warehouseId: 'b', onHand: 3, reserved: 0, lowStockThreshold: 2 },
    ]);
    expect(view).toMatchObject({ available: 7, onHand: 8, reserved: 1 });
    expect(view.warehouses.map((w) => w.available)).toEqual([4, 3]);
  });
});
