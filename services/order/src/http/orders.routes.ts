import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import type { OrderDeps } from '../use-cases/deps.js';
import { getOrder } from '../use-cases/get-order.js';
import { listOrders } from '../use-cases/list-orders.js';
import { OrderId, OrderStatus, OrderSummary, OrderView, toOrderSummary, toOrderView } from './schemas.js';

/**
 * Reading orders. Admin-only for now: the identity issue scopes both routes
 * to the caller's own orders unless they hold `orders:read:any`.
 */
export function ordersRoutes(app: HttpApp, deps: OrderDeps): void {
  app.get(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        querystring: Type.Object(
          {
            ...pageQuery,
            status: Type.Optional(OrderStatus),
            customerId: Type.Optional(Type.String({ format: 'uuid' })),
            email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: pageOf(OrderSummary) },
      },
    },
    async (request) => {
      const page = await listOrders(deps, request.query);
      return { items: page.items.map(toOrderSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/orders/:id',
    {
      schema: {
        tags: ['orders'],
        params: Type.Object({ id: OrderId }, { additionalProperties: false }),
        response: { 200: OrderView },
      },
    },
    async (request) => toOrderView(await getOrder(deps, request.params.id)),
  );
}
