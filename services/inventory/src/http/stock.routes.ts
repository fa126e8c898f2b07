import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { adjustStock } from '../use-cases/adjust-stock.js';
import type { InventoryDeps } from '../use-cases/deps.js';
import { getStock } from '../use-cases/get-stock.js';
import { setStock } from '../use-cases/set-stock.js';
import { Sku, StockView, WarehouseId } from './schemas.js';

const RowParams = Type.Object({ sku: Sku, warehouseId: WarehouseId }, { additionalProperties: false });
const maxUnits = 10_000_000;

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

  // admin: stock counts and corrections
  app.put(
    '/api/v1/inventory/:sku/warehouses/:warehouseId',
    {
      preHandler: requirePermission('inventory:write'),
      schema: {
        tags: ['inventory'],
        params: RowParams,
        body: Type.Object(
          {
            onHand: Type.Integer({ minimum: 0, maximum: maxUnits }),
            lowStockThreshold: Type.Optional(Type.Integer({ minimum: 0, maximum: maxUnits })),
          },
          { additionalProperties: false },
        ),
        response: { 200: StockView },
      },
    },
    async (request) =>
      setStock(deps, request.ctx, {
        ...request.params,
        ...request.body,
        actor: request.principal!.subject,
      }),
  );

  app.post(
    '/api/v1/inventory/:sku/warehouses/:warehouseId/adjustments',
    {
      preHandler: requirePermission('inventory:write'),
      schema: {
        tags: ['inventory'],
        params: RowParams,
        body: Type.Object(
          {
            delta: Type.Union([
              Type.Integer({ minimum: -maxUnits, maximum: -1 }),
              Type.Integer({ minimum: 1, maximum: maxUnits }),
            ]),
            /** `receive`: goods arrived (positive delta only); `adjust`: any other correction. */
            reason: Type.Union([Type.Literal('adjust'), Type.Literal('receive')], { default: 'adjust' }),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: StockView },
      },
    },
    async (request) =>
      adjustStock(deps, request.ctx, {
        ...request.params,
        ...request.body,
        actor: request.principal!.subject,
      }),
  );
}
