import {
  inventoryCommitted,
  inventoryLowStock,
  inventoryOutOfStock,
  inventoryReleased,
  inventoryReservationFailed,
  inventoryReserved,
  inventoryUpdated,
} from '@emporium/contracts/events/inventory-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { recordStockEvents, type StockEventFact } from '../db/behaviour-facts.repo.js';

const kindOf = (type: string) => type.replace(/^inventory\./, '');

/** Inventory events into `fact_stock_events`, one row per SKU line (BI view `stock_events`). */
export function subscribeInventoryEvents(events: EventRuntime): void {
  events.subscribe([inventoryUpdated, inventoryLowStock, inventoryOutOfStock], async (event, { tx }) => {
    const d = event.data;
    const at = 'updatedAt' in d ? d.updatedAt : d.detectedAt;
    await recordStockEvents(tx, [
      {
        eventId: event.id,
        sku: d.sku,
        warehouseId: d.warehouseId,
        kind: kindOf(event.type),
        orderId: null,
        quantity: null,
        available: 'available' in d ? d.available : 0,
        at: new Date(at),
      },
    ]);
  });

  events.subscribe([inventoryReserved, inventoryReleased, inventoryCommitted], async (event, { tx }) => {
    const d = event.data;
    // A reservation carries only when it would lapse: it is stamped with the event's own time.
    const at = 'committedAt' in d ? d.committedAt : 'releasedAt' in d ? d.releasedAt : event.time;
    await recordStockEvents(
      tx,
      d.lines.map(
        (line): StockEventFact => ({
          eventId: event.id,
          sku: line.sku,
          warehouseId: line.warehouseId,
          kind: kindOf(event.type),
          orderId: d.orderId,
          quantity: line.quantity,
          available: null,
          at: new Date(at),
        }),
      ),
    );
  });

  events.subscribe(inventoryReservationFailed, async (event, { tx }) => {
    const d = event.data;
    await recordStockEvents(
      tx,
      d.shortages.map(
        (shortage): StockEventFact => ({
          eventId: event.id,
          sku: shortage.sku,
          warehouseId: '',
          kind: kindOf(event.type),
          orderId: d.orderId,
          quantity: shortage.requested,
          available: shortage.available,
          at: new Date(d.failedAt),
        }),
      ),
    );
  });
}
