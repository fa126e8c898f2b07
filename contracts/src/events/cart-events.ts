import { Type } from 'typebox';
import { defineEvent } from './define-event.js';
import { Currency, Id, MinorUnits, Nullable, Quantity, Sku, Timestamp } from './shared-schemas.js';

export const cartItemAdded = defineEvent({
  type: 'cart.item_added',
  version: 1,
  producer: 'order',
  consumers: ['recommendation', 'analytics'],
  description: 'A shopper put a SKU in a cart (a strong interest signal). Subject: cart id.',
  payload: Type.Object(
    {
      cartId: Id,
      customerId: Nullable(Id),
      sessionId: Nullable(Type.String()),
      sku: Sku,
      productId: Id,
      quantity: Quantity,
      unitPriceMinor: MinorUnits,
      currency: Currency,
      addedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const cartEvents = [cartItemAdded] as const;
