import { describe, expect, it } from 'vitest';
import { type LevelChange, planStockChanges, type TrackedLevel } from './stock-plan.js';

const row = (warehouseId: string, onHand: number, more: Partial<TrackedLevel> = {}): TrackedLevel => ({
  sku: 'A',
  warehouseId,
  onHand,
  reserved: 0,
  lowStockThreshold: 3,
  lowStockAnnounced: false,
  outOfStockAnnounced: false,
  ...more,
});
const reserve = (warehouseId: string, quantity: number): LevelChange => ({
  sku: 'A',
  warehouseId,
  onHandDelta: 0,
  reservedDelta: quantity,
});

/** Runs changes one after another, as successive transactions would, collecting the alerts. */
function run(start: TrackedLevel[], steps: LevelChange[][]) {
  let rows = start;
  return steps.map((changes) => {
    const plan = planStockChanges(rows, changes);
    rows = plan.after;
    return plan.alerts.map((a) => `${a.kind}@${a.warehouseId}`);
  });
}

describe('stock plan', () => {
  it('announces low stock once per crossing, again after a restock and a new crossing', () => {
    const alerts = run(
      [row('eu-1', 6)],
      [
        [reserve('eu-1', 2)], // 4 available: above 3
        [reserve('eu-1', 1)], // 3: crossed
        [reserve('eu-1', 1)], // 2: still low, already said
        [{ sku: 'A', warehouseId: 'eu-1', onHandDelta: 5, reservedDelta: 0 }], // 7: back above
        [reserve('eu-1', 4)], // 3: crossed again
      ],
    );
    expect(alerts).toEqual([[], ['low_stock@eu-1'], [], [], ['low_stock@eu-1']]);
  });

  it('announces out of stock when the SKU has nothing left anywhere, once', () => {
    const alerts = run(
      [row('eu-1', 2, { lowStockAnnounced: true }), row('us-1', 1, { lowStockAnnounced: true })],
      [
        [reserve('eu-1', 2)], // eu-1 empty, us-1 still has one
        [reserve('us-1', 1)], // nothing anywhere
        [{ sku: 'A', warehouseId: 'us-1', onHandDelta: 0, reservedDelta: -1 }], // one back
        [reserve('us-1', 1)], // out again
      ],
    );
    expect(alerts).toEqual([[], ['out_of_stock@us-1'], [], ['out_of_stock@us-1']]);
  });

  it('refuses on hand below reserved, and writes only what changed', () => {
    expect(() =>
      planStockChanges([row('eu-1', 2, { reserved: 2 })], [{ ...reserve('eu-1', 0), onHandDelta: -1 }]),
    ).toThrow(expect.objectContaining({ code: 'STOCK_BELOW_RESERVED' }));
    const plan = planStockChanges(
      [row('eu-1', 10), row('us-1', 0, { outOfStockAnnounced: true })],
      [reserve('eu-1', 1)],
    );
    // us-1's stale stock-out flag is cleared (the SKU has stock), without a stock change of its own.
    expect(plan.changed.map((r) => r.warehouseId)).toEqual(['eu-1']);
    expect(plan.writes.map((r) => [r.warehouseId, r.outOfStockAnnounced])).toEqual([
      ['eu-1', false],
      ['us-1', false],
    ]);
  });

  it('applies a new threshold and judges the row by it', () => {
    const plan = planStockChanges(
      [row('eu-1', 8)],
      [{ sku: 'A', warehouseId: 'eu-1', onHandDelta: 0, reservedDelta: 0, lowStockThreshold: 8 }],
    );
    expect(plan.alerts).toEqual([
      { kind: 'low_stock', sku: 'A', warehouseId: 'eu-1', available: 8, threshold: 8 },
    ]);
  });
});
