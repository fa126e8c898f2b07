import { orderCompleted } from '@emporium/contracts/events/order-events';
import type { EventRuntime } from '@emporium/platform/events/event-runtime';
import { recordPurchase } from '../use-cases/record-purchase.js';

/** `order.completed` → purchases (verified-purchase reviews), exactly once through the inbox. */
export function consumeOrderCompleted(events: EventRuntime): void {
  events.subscribe(orderCompleted, async (event, { tx, logger }) => {
    await recordPurchase(tx, logger, event.data);
  });
}
