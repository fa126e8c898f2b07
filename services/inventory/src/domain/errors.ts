import { defineErrors } from '@emporium/platform/http/errors';

export const inventoryErrors = defineErrors({
  WAREHOUSE_NOT_FOUND: { status: 404, title: 'No such warehouse' },
  WAREHOUSE_EXISTS: { status: 409, title: 'A warehouse with this id already exists' },
  STOCK_NOT_FOUND: { status: 404, title: 'No stock is recorded for this SKU' },
  STOCK_BELOW_RESERVED: { status: 409, title: 'On-hand stock cannot go below what is reserved' },
});
