import { defineErrors } from '@emporium/platform/http/errors';

export const inventoryErrors = defineErrors({
  WAREHOUSE_NOT_FOUND: { status: 404, title: 'No such warehouse' },
  WAREHOUSE_EXISTS: { status: 409, title: 'A warehouse with this id already exists' },
  STOCK_NOT_FOUND: { status: 404, title: 'No stock is recorded for this SKU' },
  STOCK_BELOW_RESERVED: { status: 409, title: 'On-hand stock cannot go below what is reserved' },
  INSUFFICIENT_STOCK: { status: 409, title: 'Not enough stock for every line; nothing was reserved' },
  RESERVATION_CONFLICT: {
    status: 409,
    title: 'This order already has a reservation for different lines',
  },
  RESERVATION_NOT_FOUND: { status: 404, title: 'No reservation for this order' },
  RESERVATION_COMMITTED: {
    status: 409,
    title: 'The reservation was committed; it can no longer be released',
  },
  RESERVATION_RELEASED: { status: 409, title: 'The reservation was released; it can no longer be committed' },
  RESERVATION_EXPIRED: { status: 409, title: 'The reservation expired; its stock was released' },
});
