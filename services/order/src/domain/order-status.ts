import { orderErrors } from './errors.js';
import { type OrderStatus, orderStatuses } from './order-statuses.js';

export { type OrderStatus, orderStatuses };

/**
 * The one state machine every status change goes through. `cancelled` and
 * `refunded` are final; a partially refunded order may be refunded again,
 * partly or in full.
 */
const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['fulfilled', 'cancelled', 'refunded', 'partially_refunded'],
  fulfilled: ['completed', 'refunded', 'partially_refunded'],
  completed: ['refunded', 'partially_refunded'],
  partially_refunded: ['refunded', 'partially_refunded'],
  cancelled: [],
  refunded: [],
};

export function nextStatusesOf(from: OrderStatus): readonly OrderStatus[] {
  return transitions[from];
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}

/** Throws INVALID_TRANSITION (409), naming what would have been allowed. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (canTransition(from, to)) return;
  throw orderErrors.INVALID_TRANSITION(`an order cannot go from ${from} to ${to}`, {
    from,
    to,
    allowed: [...transitions[from]],
  });
}
