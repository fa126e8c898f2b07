import { Type } from 'typebox';

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
