import { Type } from 'typebox';
import { Sku } from './schemas.js';

export const CartId = Type.String({ format: 'uuid' });
const Minor = Type.Integer({ minimum: 0 });

const CartLine = Type.Object(
  {
    sku: Sku,
    productId: Type.Union([Type.String(), Type.Null()]),
    title: Type.Union([Type.String(), Type.Null()]),
    quantity: Type.Integer({ minimum: 1 }),
    unitPriceMinor: Minor,
    lineTotalMinor: Minor,
    available: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    status: Type.Enum(['ok', 'insufficient_stock', 'unavailable', 'unknown']),
    previousUnitPriceMinor: Type.Union([Minor, Type.Null()]),
  },
  { additionalProperties: false },
);

const cartFields = {
  id: CartId,
  customerId: Type.Union([Type.String(), Type.Null()]),
  currency: Type.Union([Type.String({ pattern: '^[A-Z]{3}$' }), Type.Null()]),
  lines: Type.Array(CartLine),
  itemCount: Type.Integer({ minimum: 0 }),
  subtotalMinor: Minor,
  checkoutReady: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
};

export const CartView = Type.Object(cartFields, { additionalProperties: false });

/** The creation answer: a guest cart's token appears here and nowhere else, ever. */
export const CreatedCartView = Type.Object(
  {
    ...cartFields,
    cartToken: Type.Optional(
      Type.String({ description: 'guest carts only: send it as X-Cart-Token; it is not shown again' }),
    ),
  },
  { additionalProperties: false },
);

export const MergedCartView = Type.Object(
  { ...cartFields, skipped: Type.Array(Sku, { description: 'guest lines that could not join' }) },
  { additionalProperties: false },
);

export const CartItemInput = Type.Object(
  { sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) },
  { additionalProperties: false },
);

export const CartQuantityInput = Type.Object(
  { quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) },
  { additionalProperties: false },
);

export const CartParams = Type.Object({ id: CartId }, { additionalProperties: false });
export const CartItemParams = Type.Object({ id: CartId, sku: Sku }, { additionalProperties: false });
