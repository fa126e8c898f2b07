import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { adminStatuses, changeOrderStatus } from '../use-cases/change-order-status.js';
import type { OrderDeps } from '../use-cases/deps.js';
import { callerOf } from './caller-of.js';
import { OrderId, OrderView, toOrderView } from './schemas.js';

/** Admin routes: staff holding `orders:write:any` fulfil, complete or cancel orders. */
export function orderAdminRoutes(app: HttpApp, deps: OrderDeps): void {
  app.post(
    '/api/v1/orders/:id/status',
    {
      preHandler: requirePermission('orders:write:any'),
      schema: {
        tags: ['orders'],
        description: '`paid` and refunds are set by payments only, so money and stock always agree.',
        params: Type.Object({ id: OrderId }, { additionalProperties: false }),
        body: Type.Object(
          {
            status: Type.Enum(adminStatuses),
            reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: OrderView },
      },
    },
    async (request) =>
      toOrderView(
        await changeOrderStatus(deps, request.ctx, callerOf(request), {
          orderId: request.params.id,
          status: request.body.status,
          reason: request.body.reason,
        }),
      ),
  );
}
