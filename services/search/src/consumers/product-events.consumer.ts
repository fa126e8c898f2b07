import { productCreated, productDeleted, productUpdated } from '@emporium/contracts/events/product-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { SearchDeps } from '../use-cases/deps.js';
import { indexProduct } from '../use-cases/index-product.js';
import { removeProduct } from '../use-cases/remove-product.js';

/**
 * The catalog feeds the index: each product event is applied in the
 * handler's transaction, which also records it in the inbox (exactly-once
 * effect). Versions, not arrival order, decide what the index keeps.
 */
export function subscribeToProductEvents(events: EventRuntime, deps: SearchDeps): void {
  events.subscribe([productCreated, productUpdated], async (event, { tx, logger }) => {
    const outcome = await indexProduct(deps, tx, event.data, new Date(event.time));
    deps.metrics.indexChanges.inc({ outcome });
    logger.debug({ productId: event.data.id, outcome }, 'product applied to the index');
  });

  events.subscribe(productDeleted, async (event, { tx, logger }) => {
    await removeProduct(deps, tx, event.data);
    deps.metrics.indexChanges.inc({ outcome: 'removed' });
    logger.debug({ productId: event.data.id }, 'product removed from the index');
  });
}
