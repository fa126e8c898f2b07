import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { InventoryDeps } from '../use-cases/deps.js';
import { getStock } from '../use-cases/get-stock.js';
import { setStock } from '../use-cases/set-stock.js';
import { Sku, StockView, WarehouseId } from './schemas.js';

export function stockRoutes(app: HttpApp, deps: InventoryDeps): void {
  app.get(
    '/api/v1/inventory/:sku',
    {
      schema: {
        tags: ['inventory'],
        params: Type.Object({ sku: Sku }, { additionalProperties: false }),
        response: { 200: StockView },
      },
    },
    async (request) => getStock(deps, request.params.sku),
  );

  app.put(
    '/api/v1/inventory/:sku/warehouses/:warehouseId',
    {
      preHandler: requirePermission('inventory:write'),
      schema: {
        tags: ['inventory'],
        params: Type.Object({ sku: Sku, warehouseId: WarehouseId }, { additionalProperties: false }),
        body: Type.Object(
          {
            onHand: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
            lowStockThreshold: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: StockView },
      },
    },
    async (request) => setStock(deps, request.ctx, { ...request.params, ...request.body }),
  );
}
