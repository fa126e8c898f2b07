// The statuses are part of the public contract (order events carry them): defined once there.
export { type OrderStatusName as OrderStatus, orderStatuses } from '@emporium/contracts/events/order-events';
