import { orderCancelled } from '@emporium/contracts/events/order-events';
import { systemActor } from '../domain/movement.js';
import type { InventoryDeps } from '../use-cases/deps.js';
import { releaseReservationIn } from '../use-cases/steps/release-reservation-in.js';

/**
 * A safety net behind the order service's own release call: a cancelled
 * order's held stock goes back, in the handler's transaction (the inbox row
 * commits with it, so a redelivery changes nothing). A committed reservation
 * stays committed: returning shipped goods is not this event's business.
 */
export function subscribeOrderCancelled(deps: InventoryDeps): void {
  deps.events.subscribe(orderCancelled, async (event, { tx, logger, trace }) => {
    const outcome = await releaseReservationIn(deps, tx, {
      orderId: event.data.orderId,
      reason: event.data.reason === 'payment_failed' ? 'payment_failed' : 'order_cancelled',
      actor: systemActor,
      trace,
    });
    if (outcome.kind === 'released') logger.info({ orderId: event.data.orderId }, 'reservation released');
    if (outcome.kind === 'committed') {
      logger.warn({ orderId: event.data.orderId }, 'cancelled order had committed stock; left as is');
    }
  });
}
