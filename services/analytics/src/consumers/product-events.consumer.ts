import { productCreated, productDeleted, productUpdated } from '@emporium/contracts/events/product-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { markProductDeleted, upsertProduct } from '../db/products.repo.js';

/** The catalog projection: titles and categories the order lines do not carry. */
export function subscribeProductEvents(events: EventRuntime): void {
  events.subscribe([productCreated, productUpdated], async (event, { tx }) => {
    const d = event.data;
    await upsertProduct(tx, {
      productId: d.id,
      title: d.title,
      categorySlug: d.category?.slug ?? d.categorySlugs[0] ?? null,
      brand: d.brand,
      versionAt: new Date(d.updatedAt),
    });
  });
  events.subscribe(productDeleted, async (event, { tx }) => {
    await markProductDeleted(tx, {
      productId: event.data.id,
      slug: event.data.slug,
      deletedAt: new Date(event.data.deletedAt),
    });
  });
}
