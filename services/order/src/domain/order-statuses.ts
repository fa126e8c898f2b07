/** Every status an order can have; the state machine in `order-status.ts` says how they connect. */
export const orderStatuses = [
  'pending_payment',
  'paid',
  'fulfilled',
  'completed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];
