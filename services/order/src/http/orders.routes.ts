import { requireAuthenticated } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { cancelOrder } from '../use-cases/cancel-order.js';
import type { OrderDeps } from '../use-cases/deps.js';
import { getOrder } from '../use-cases/get-order.js';
import { listOrders } from '../use-cases/list-orders.js';
import { assertCanReachOrder } from '../use-cases/order-access.js';
import { placeOrder } from '../use-cases/place-order.js';
import { callerOf, idempotencyKeyOf } from './caller-of.js';
import {
  CheckoutInput,
  OrderId,
  OrderStatus,
  OrderSummary,
  OrderView,
  toOrderSummary,
  toOrderView,
} from './schemas.js';

const OrderParams = Type.Object({ id: OrderId }, { additionalProperties: false });

/**
 * Orders as customers (and guests, with their cart's token) see them, and
 * checkout. Staff holding `orders:read:any` see every order.
 */
export function ordersRoutes(app: HttpApp, deps: OrderDeps): void {
  app.post(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        description:
          'Checkout from a cart. Needs an `Idempotency-Key` header: the same key and body return the same ' +
          'order (200, `Idempotent-Replayed: true`); the same key with another body is refused (422).',
        body: CheckoutInput,
        response: { 200: OrderView, 201: OrderView },
      },
    },
    async (request, reply) => {
      const placed = await deps.checkoutLimit.run(() =>
        placeOrder(deps, request.ctx, callerOf(request), {
          ...request.body,
          idempotencyKey: idempotencyKeyOf(request),
        }),
      );
      reply.header('location', `/api/v1/orders/${placed.order.id}`);
      if (placed.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(placed.replayed ? 200 : 201).send(toOrderView(placed.order));
    },
  );

  app.get(
    '/api/v1/orders',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['orders'],
        description: "A customer's own orders; staff with orders:read:any list all, filtered.",
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
      const page = await listOrders(deps, callerOf(request), request.query);
      return { items: page.items.map(toOrderSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/orders/:id',
    { schema: { tags: ['orders'], params: OrderParams, response: { 200: OrderView } } },
    async (request) => {
      await assertCanReachOrder(deps, callerOf(request), request.params.id, 'orders:read:any');
      return toOrderView(await getOrder(deps, request.params.id));
    },
  );

  app.post(
    '/api/v1/orders/:id/cancel',
    {
      schema: {
        tags: ['orders'],
        description: 'By its owner while pending_payment or paid (a paid order is refunded), or by staff.',
        params: OrderParams,
        // The body is optional: Fastify validates a missing one as null.
        body: Type.Union([
          Type.Object(
            { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) },
            { additionalProperties: false },
          ),
          Type.Null(),
        ]),
        response: { 200: OrderView },
      },
    },
    async (request) =>
      toOrderView(
        await cancelOrder(deps, request.ctx, callerOf(request), {
          orderId: request.params.id,
          reason: request.body?.reason,
        }),
      ),
  );
}
