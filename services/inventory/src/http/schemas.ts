import { Type } from 'typebox';
import { movementReasons } from '../domain/movement.js';

export const Sku = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
export const WarehouseId = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z0-9][a-z0-9-]*$' });

export const Warehouse = Type.Object(
  {
    id: WarehouseId,
    name: Type.String(),
    country: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

const WarehouseStock = Type.Object(
  {
    warehouseId: WarehouseId,
    onHand: Type.Integer(),
    reserved: Type.Integer(),
    available: Type.Integer(),
    lowStockThreshold: Type.Integer(),
  },
  { additionalProperties: false },
);

export const StockView = Type.Object(
  {
    sku: Sku,
    available: Type.Integer(),
    onHand: Type.Integer(),
    reserved: Type.Integer(),
    warehouses: Type.Array(WarehouseStock),
  },
  { additionalProperties: false },
);

/** An order id as the order service issues it (uuid or number-like): opaque here. */
export const OrderId = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$',
});

export const Allocation = Type.Object(
  { sku: Sku, warehouseId: WarehouseId, quantity: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const ReservationView = Type.Object(
  {
    orderId: OrderId,
    reservationId: Type.String({ format: 'uuid' }),
    status: Type.Union([
      Type.Literal('held'),
      Type.Literal('committed'),
      Type.Literal('released'),
      Type.Literal('expired'),
    ]),
    expiresAt: Type.String({ format: 'date-time' }),
    /** Where the units are held: a line may be split across warehouses. */
    lines: Type.Array(Allocation),
    createdAt: Type.String({ format: 'date-time' }),
    closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    releaseReason: Type.Union([
      Type.Literal('order_cancelled'),
      Type.Literal('payment_failed'),
      Type.Literal('expired'),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

export const StockRow = Type.Object(
  {
    sku: Sku,
    warehouseId: WarehouseId,
    onHand: Type.Integer(),
    reserved: Type.Integer(),
    available: Type.Integer(),
    lowStockThreshold: Type.Integer(),
  },
  { additionalProperties: false },
);

export const Movement = Type.Object(
  {
    id: Type.Integer(),
    sku: Sku,
    warehouseId: WarehouseId,
    onHandDelta: Type.Integer(),
    reservedDelta: Type.Integer(),
    reason: Type.Enum(movementReasons),
    actor: Type.String(),
    reference: Type.Union([Type.String(), Type.Null()]),
    note: Type.Union([Type.String(), Type.Null()]),
    at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
