import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { changeOrderStatus } from '../use-cases/change-order-status.js';
import type { OrderDeps } from '../use-cases/deps.js';
import { OrderId, OrderStatus, OrderView, toOrderView } from './schemas.js';

/**
 * Who changed the status. Until the identity issue puts these routes behind
 * the admin guard, the caller is not known beyond being on the admin route.
 */
const adminActor = 'admin';

/** Admin routes: the identity issue registers them behind the `orders:write:any` permission guard. */
export function orderAdminRoutes(app: HttpApp, deps: OrderDeps): void {
  app.post(
    '/api/v1/orders/:id/status',
    {
      schema: {
        tags: ['orders'],
        params: Type.Object({ id: OrderId }, { additionalProperties: false }),
        body: Type.Object(
          { status: OrderStatus, reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: OrderView },
      },
    },
    async (request) =>
      toOrderView(
        await changeOrderStatus(deps, request.ctx, {
          orderId: request.params.id,
          status: request.body.status,
          reason: request.body.reason,
          actor: adminActor,
        }),
      ),
  );
}
