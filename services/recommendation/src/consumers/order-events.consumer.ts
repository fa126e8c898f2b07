import { cartItemAdded } from '@emporium/contracts/events/cart-events';
import { orderCancelled, orderCompleted, orderCreated } from '@emporium/contracts/events/order-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import type { RecommendationDeps } from '../use-cases/deps.js';
import { forgetShopper } from '../use-cases/forget-shopper.js';
import {
  cancelPurchases,
  orderSessionOf,
  recordCartItem,
  recordPurchases,
} from '../use-cases/record-purchases.js';

/**
 * Purchases and carts feed behaviour, in the handler's (inbox) transaction:
 * a redelivered event is handled once, and the same purchase announced by
 * order.created and order.completed is stored once. The products are queued
 * for the incremental model worker with the same commit.
 */
export function subscribeToOrderEvents(events: EventRuntime, deps: RecommendationDeps): void {
  events.subscribe(orderCreated, async (event, { tx, logger }) => {
    const { orderId, customerId, lines, placedAt } = event.data;
    const stored = await recordPurchases(deps, tx, { orderId, customerId, lines, at: placedAt });
    await forgetShopper(deps, [{ userId: customerId, sessionId: orderSessionOf(orderId) }]);
    logger.debug({ orderId, stored }, 'order placed: purchases recorded');
  });

  events.subscribe(orderCompleted, async (event, { tx, logger }) => {
    const { orderId, customerId, lines, completedAt } = event.data;
    const stored = await recordPurchases(deps, tx, { orderId, customerId, lines, at: completedAt });
    await forgetShopper(deps, [{ userId: customerId, sessionId: orderSessionOf(orderId) }]);
    logger.debug({ orderId, stored }, 'order completed: purchases recorded');
  });

  events.subscribe(orderCancelled, async (event, { tx, logger }) => {
    const { orderId, customerId } = event.data;
    const removed = await cancelPurchases(tx, orderId);
    await forgetShopper(deps, [{ userId: customerId, sessionId: orderSessionOf(orderId) }]);
    logger.debug({ orderId, removed }, 'order cancelled: its purchases no longer count');
  });

  events.subscribe(cartItemAdded, async (event, { tx }) => {
    const { cartId, customerId, sessionId, productId, addedAt } = event.data;
    await recordCartItem(deps, tx, { eventId: event.id, cartId, customerId, sessionId, productId, addedAt });
    await forgetShopper(deps, [{ userId: customerId, sessionId }]);
  });
}
