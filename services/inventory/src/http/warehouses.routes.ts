import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { listWarehouses } from '../db/warehouses.repo.js';
import { createWarehouse } from '../use-cases/create-warehouse.js';
import type { InventoryDeps } from '../use-cases/deps.js';
import { Warehouse, WarehouseId } from './schemas.js';

const toView = (row: { id: string; name: string; country: string | null; createdAt: Date }) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

export function warehousesRoutes(app: HttpApp, deps: InventoryDeps): void {
  app.get(
    '/api/v1/warehouses',
    {
      preHandler: requirePermission('inventory:read'),
      schema: { tags: ['warehouses'], response: { 200: Type.Object({ items: Type.Array(Warehouse) }) } },
    },
    async () => ({ items: (await listWarehouses(deps.db)).map(toView) }),
  );

  app.post(
    '/api/v1/warehouses',
    {
      preHandler: requirePermission('inventory:write'),
      schema: {
        tags: ['warehouses'],
        body: Type.Object(
          {
            id: WarehouseId,
            name: Type.String({ minLength: 1, maxLength: 120 }),
            country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Warehouse },
      },
    },
    async (request, reply) => {
      const created = await createWarehouse(deps, request.ctx, request.body);
      return reply.code(201).send(toView(created));
    },
  );
}
