import { defineErrors } from '@emporium/platform/http/errors';

export const orderErrors = defineErrors({
  ORDER_NOT_FOUND: { status: 404, title: 'No such order' },
  INVALID_TRANSITION: { status: 409, title: 'The order cannot move to this status from its current one' },

  CART_NOT_FOUND: { status: 404, title: 'No such cart, or not yours' },
  CART_ITEM_NOT_FOUND: { status: 404, title: 'This SKU is not in the cart' },
  CART_FULL: { status: 409, title: 'The cart has as many lines as it may hold' },
  CART_QUANTITY_LIMIT: { status: 409, title: 'This quantity is more than one cart line may hold' },
  CART_BUSY: { status: 409, title: 'The cart changed under this request; try again' },
  CART_EMPTY: { status: 409, title: 'An empty cart cannot be checked out' },
  CART_TOKEN_REQUIRED: { status: 400, title: 'A guest cart needs its X-Cart-Token to be merged' },
  CART_NOT_MERGEABLE: { status: 409, title: 'Only a guest cart can be merged into a customer cart' },
  PRODUCT_UNAVAILABLE: { status: 409, title: 'A product in the cart is not for sale' },
  CURRENCY_MISMATCH: { status: 409, title: 'A cart holds products of one currency only' },

  IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'POST /orders needs an Idempotency-Key header' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'This Idempotency-Key was used with a different request',
  },
  CHECKOUT_IN_PROGRESS: { status: 409, title: 'A checkout with this Idempotency-Key is still running' },
  PRICES_CHANGED: { status: 409, title: 'Prices changed since the cart was last shown; review and retry' },
  OUT_OF_STOCK: { status: 409, title: 'Not enough stock for every line; nothing was ordered' },
  CHECKOUT_UNAVAILABLE: { status: 503, title: 'The checkout cannot complete right now; try again shortly' },
});
