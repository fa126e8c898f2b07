import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { availableOf } from '../domain/stock.js';
import type { InventoryDeps } from '../use-cases/deps.js';
import { listLowStock } from '../use-cases/list-low-stock.js';
import { listMovements } from '../use-cases/list-movements.js';
import { Movement, Sku, StockRow, WarehouseId } from './schemas.js';

/** admin: the audit trail and the rows that need restocking (`inventory:read`). */
export function stockAdminRoutes(app: HttpApp, deps: InventoryDeps): void {
  const guard = requirePermission('inventory:read');

  app.get(
    '/api/v1/inventory/:sku/movements',
    {
      preHandler: guard,
      schema: {
        tags: ['inventory'],
        params: Type.Object({ sku: Sku }, { additionalProperties: false }),
        querystring: Type.Object(
          { ...pageQuery, warehouseId: Type.Optional(WarehouseId) },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(Movement) },
      },
    },
    async (request) => {
      const page = await listMovements(deps, { ...request.query, sku: request.params.sku });
      return { ...page, items: page.items.map((row) => ({ ...row, at: row.at.toISOString() })) };
    },
  );

  app.get(
    '/api/v1/inventory/low-stock',
    {
      preHandler: guard,
      schema: {
        tags: ['inventory'],
        querystring: Type.Object(
          { ...pageQuery, warehouseId: Type.Optional(WarehouseId) },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(StockRow) },
      },
    },
    async (request) => {
      const page = await listLowStock(deps, request.query);
      return { ...page, items: page.items.map((row) => ({ ...row, available: availableOf(row) })) };
    },
  );
}
