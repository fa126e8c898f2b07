import { createEnvelope } from '@emporium/contracts/events/envelope';
import {
  inventoryLowStock,
  inventoryOutOfStock,
  inventoryUpdated,
} from '@emporium/contracts/events/inventory-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { Context } from '@opentelemetry/api';
import type { InventoryExecutor } from '../../db/database.js';
import { insertMovements } from '../../db/movements.repo.js';
import { writeLevels } from '../../db/stock.repo.js';
import { byStockKey } from '../../domain/allocation.js';
import { type MovementReason, updatedReasonOf } from '../../domain/movement.js';
import { availableOf } from '../../domain/stock.js';
import {
  type LevelChange,
  planStockChanges,
  type StockPlan,
  type TrackedLevel,
} from '../../domain/stock-plan.js';
import type { InventoryDeps } from '../deps.js';

export interface StockChangeInput {
  changes: LevelChange[];
  reason: MovementReason;
  /** The principal's subject, or `system`. */
  actor: string;
  reference?: string | undefined;
  note?: string | undefined;
  trace?: Context | undefined;
}

/**
 * The one write path for stock, run inside the caller's transaction on rows
 * it locked with `lockStockOf`: applies the changes, records a movement per
 * change (the audit trail), and puts `inventory.updated` for each changed
 * row plus any `inventory.low_stock` / `inventory.out_of_stock` crossing in
 * the outbox. Stock, ledger and events commit together or not at all.
 */
export async function applyStockChanges(
  deps: Pick<InventoryDeps, 'events'>,
  tx: InventoryExecutor,
  locked: readonly TrackedLevel[],
  input: StockChangeInput,
): Promise<StockPlan> {
  const plan = planStockChanges(locked, input.changes);
  await writeLevels(tx, plan.writes);
  await insertMovements(
    tx,
    input.changes.map((change) => ({
      sku: change.sku,
      warehouseId: change.warehouseId,
      onHandDelta: change.onHandDelta,
      reservedDelta: change.reservedDelta,
      reason: input.reason,
      actor: input.actor,
      reference: input.reference,
      note: input.note,
    })),
  );

  const now = new Date().toISOString();
  const trace = traceContextOf(input.trace);
  const totalOf = (sku: string) =>
    plan.after.filter((row) => row.sku === sku).reduce((sum, row) => sum + availableOf(row), 0);
  // Subjects in SKU order: enqueueing takes an advisory lock per subject, always in the same order.
  for (const row of [...plan.changed].sort(byStockKey)) {
    await deps.events.enqueue(
      tx,
      createEnvelope(inventoryUpdated, {
        subject: row.sku,
        data: {
          sku: row.sku,
          warehouseId: row.warehouseId,
          onHand: row.onHand,
          reserved: row.reserved,
          available: availableOf(row),
          totalAvailable: totalOf(row.sku),
          reason: updatedReasonOf[input.reason],
          updatedAt: now,
        },
        ...trace,
      }),
    );
    for (const alert of plan.alerts.filter((a) => a.sku === row.sku && a.warehouseId === row.warehouseId)) {
      const envelope =
        alert.kind === 'low_stock'
          ? createEnvelope(inventoryLowStock, {
              subject: alert.sku,
              data: {
                sku: alert.sku,
                warehouseId: alert.warehouseId,
                available: alert.available,
                threshold: alert.threshold,
                detectedAt: now,
              },
              ...trace,
            })
          : createEnvelope(inventoryOutOfStock, {
              subject: alert.sku,
              data: { sku: alert.sku, warehouseId: alert.warehouseId, totalAvailable: 0, detectedAt: now },
              ...trace,
            });
      await deps.events.enqueue(tx, envelope);
    }
  }
  return plan;
}
