import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Reservation } from '../domain/reservation.js';
import { commitReservation } from '../use-cases/commit-reservation.js';
import type { InventoryDeps } from '../use-cases/deps.js';
import { getReservation } from '../use-cases/get-reservation.js';
import { releaseReservation } from '../use-cases/release-reservation.js';
import { reserveStock } from '../use-cases/reserve-stock.js';
import { OrderId, ReservationView, Sku } from './schemas.js';

const toView = (r: Reservation) => ({
  orderId: r.orderId,
  reservationId: r.id,
  status: r.status,
  expiresAt: r.expiresAt.toISOString(),
  lines: r.allocations,
  createdAt: r.createdAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
  releaseReason: r.releaseReason,
});

const OrderParams = Type.Object({ orderId: OrderId }, { additionalProperties: false });
const actorOf = (request: FastifyRequest) => request.principal!.subject;

/**
 * Service to service: the order service holds stock at checkout, commits it
 * once paid, releases it on cancellation. Every route needs `inventory:reserve`.
 */
export function reservationsRoutes(app: HttpApp, deps: InventoryDeps): void {
  const guard = requirePermission('inventory:reserve');

  app.post(
    '/api/v1/inventory/reservations',
    {
      preHandler: guard,
      schema: {
        tags: ['reservations'],
        body: Type.Object(
          {
            orderId: OrderId,
            lines: Type.Array(
              Type.Object(
                { sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 100 },
            ),
            ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReservationView, 201: ReservationView },
      },
    },
    async (request, reply) => {
      const { created, reservation } = await reserveStock(deps, request.ctx, {
        ...request.body,
        actor: actorOf(request),
      });
      return reply.code(created ? 201 : 200).send(toView(reservation));
    },
  );

  app.get(
    '/api/v1/inventory/reservations/:orderId',
    {
      preHandler: guard,
      schema: { tags: ['reservations'], params: OrderParams, response: { 200: ReservationView } },
    },
    async (request) => toView(await getReservation(deps, request.params.orderId)),
  );

  app.post(
    '/api/v1/inventory/reservations/:orderId/commit',
    {
      preHandler: guard,
      schema: { tags: ['reservations'], params: OrderParams, response: { 200: ReservationView } },
    },
    async (request) =>
      toView(
        await commitReservation(deps, request.ctx, {
          orderId: request.params.orderId,
          actor: actorOf(request),
        }),
      ),
  );

  app.post(
    '/api/v1/inventory/reservations/:orderId/release',
    {
      preHandler: guard,
      schema: {
        tags: ['reservations'],
        params: OrderParams,
        // The body is optional: Fastify validates a missing one as null.
        body: Type.Union([
          Type.Object(
            {
              reason: Type.Optional(
                Type.Union([Type.Literal('order_cancelled'), Type.Literal('payment_failed')]),
              ),
            },
            { additionalProperties: false },
          ),
          Type.Null(),
        ]),
        response: { 200: ReservationView },
      },
    },
    async (request) =>
      toView(
        await releaseReservation(deps, request.ctx, {
          orderId: request.params.orderId,
          reason: request.body?.reason ?? 'order_cancelled',
          actor: actorOf(request),
        }),
      ),
  );
}
