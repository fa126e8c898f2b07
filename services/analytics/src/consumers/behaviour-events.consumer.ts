import { behaviourTracked } from '@emporium/contracts/events/behaviour-events';
import { cartItemAdded } from '@emporium/contracts/events/cart-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { recordBehaviour } from '../db/behaviour-facts.repo.js';
import { visitorKeyOf } from '../domain/fact-keys.js';

/**
 * Storefront interactions into `fact_behaviour`, one row per reporting
 * event. The funnel counts distinct visitors per step, so an add-to-cart
 * reported both by the cart and by the recommender counts once.
 */
export function subscribeBehaviourEvents(events: EventRuntime): void {
  events.subscribe(behaviourTracked, async (event, { tx }) => {
    const d = event.data;
    await recordBehaviour(tx, {
      eventId: event.id,
      kind: d.action,
      visitorKey: visitorKeyOf(d),
      userId: d.userId,
      sessionId: d.sessionId,
      productId: d.productId,
      sku: d.sku,
      query: d.query,
      at: new Date(d.occurredAt),
    });
  });

  events.subscribe(cartItemAdded, async (event, { tx }) => {
    const d = event.data;
    await recordBehaviour(tx, {
      eventId: event.id,
      kind: 'add_to_cart',
      visitorKey: visitorKeyOf({ userId: d.customerId, sessionId: d.sessionId, cartId: d.cartId }),
      userId: d.customerId,
      sessionId: d.sessionId,
      productId: d.productId,
      sku: d.sku,
      query: null,
      at: new Date(d.addedAt),
    });
  });
}
