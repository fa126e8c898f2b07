import { inventoryOutOfStock, inventoryUpdated } from '@emporium/contracts/events/inventory-events';
import { productCreated, productDeleted, productUpdated } from '@emporium/contracts/events/product-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { applyProduct, recordStock, removeProduct } from '../use-cases/apply-catalog-change.js';

/**
 * The catalog projection: product documents (content similarity, status)
 * and stock per SKU (out-of-stock filtering), each applied as of its own
 * time in the handler's transaction.
 */
export function subscribeToCatalogEvents(events: EventRuntime): void {
  events.subscribe([productCreated, productUpdated], async (event, { tx, logger }) => {
    const outcome = await applyProduct(tx, event.data);
    logger.debug({ productId: event.data.id, outcome }, 'product applied');
  });

  events.subscribe(productDeleted, async (event, { tx }) => {
    await removeProduct(tx, event.data);
  });

  events.subscribe(inventoryUpdated, async (event, { tx }) => {
    const { sku, totalAvailable, updatedAt } = event.data;
    await recordStock(tx, { sku, totalAvailable, updatedAt });
  });

  events.subscribe(inventoryOutOfStock, async (event, { tx }) => {
    const { sku, detectedAt } = event.data;
    await recordStock(tx, { sku, totalAvailable: 0, updatedAt: detectedAt });
  });
}
