import { inventoryOutOfStock, inventoryUpdated } from '@emporium/contracts/events/inventory-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { SearchDeps } from '../use-cases/deps.js';
import { recordStock } from '../use-cases/record-stock.js';

/** Stock feeds each document's `inStock`, in the handler's (inbox) transaction. */
export function subscribeToInventoryEvents(events: EventRuntime, deps: SearchDeps): void {
  events.subscribe(inventoryUpdated, async (event, { tx, logger }) => {
    const outcome = await recordStock(deps, tx, event.data);
    deps.metrics.indexChanges.inc({ outcome });
    logger.debug({ sku: event.data.sku, outcome }, 'stock applied to the index');
  });

  // Also announced by inventory.updated; applied all the same, as of its own time (a late one is stale).
  events.subscribe(inventoryOutOfStock, async (event, { tx }) => {
    const { sku, detectedAt } = event.data;
    const outcome = await recordStock(deps, tx, { sku, totalAvailable: 0, updatedAt: detectedAt });
    deps.metrics.indexChanges.inc({ outcome });
  });
}
