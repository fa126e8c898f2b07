import { type TSchema, Type } from 'typebox';

/** Pieces several payloads share. Money is always integer minor units plus an ISO 4217 code. */
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' });
export const MinorUnits = Type.Integer({ minimum: 0, description: 'integer amount in minor units' });
export const Timestamp = Type.String({ format: 'date-time' });
export const Id = Type.String({ minLength: 1, maxLength: 128 });
export const Sku = Type.String({ minLength: 1, maxLength: 64 });
export const Quantity = Type.Integer({ minimum: 1 });
export const Email = Type.String({ format: 'email' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const PostalAddress = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    line1: Type.String({ minLength: 1 }),
    line2: Type.Optional(Type.String()),
    city: Type.String({ minLength: 1 }),
    region: Type.Optional(Type.String()),
    postalCode: Type.String({ minLength: 1 }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    phone: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** A quantity of one SKU taken from one warehouse (reservations and their outcomes). */
export const StockAllocation = Type.Object(
  { sku: Sku, warehouseId: Id, quantity: Quantity },
  { additionalProperties: false },
);
