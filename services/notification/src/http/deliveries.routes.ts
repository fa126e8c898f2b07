import { requireAuthenticated, requirePermission } from '@emporium/platform/auth/auth-hooks';
import { hasPermission } from '@emporium/platform/auth/principal';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { platformErrors } from '@emporium/platform/http/errors';
import { pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import type { NotificationDeps } from '../use-cases/deps.js';
import { listDeliveries } from '../use-cases/list-deliveries.js';
import { retryDelivery } from '../use-cases/retry-delivery.js';
import { Channel, Delivery, DeliveryPage, DeliveryStatus, UserId, Uuid } from './schemas.js';

const filters = { channel: Type.Optional(Channel), status: Type.Optional(DeliveryStatus), ...pageQuery };

/**
 * The delivery log: a customer reads their own messages; holders of
 * `notifications:read:any` read everyone's, or one user's with `userId`.
 */
export function deliveriesRoutes(app: HttpApp, deps: NotificationDeps): void {
  app.get(
    '/api/v1/notifications/deliveries',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['notifications'],
        description: 'Messages sent or queued, newest first: your own, or anyone’s for support and admins.',
        querystring: Type.Object(
          { ...filters, userId: Type.Optional(UserId) },
          { additionalProperties: false },
        ),
        response: { 200: DeliveryPage },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const any = hasPermission(principal, 'notifications:read:any');
      const { userId, ...query } = request.query;
      if (!any && userId !== undefined && userId !== principal.subject) {
        throw platformErrors.FORBIDDEN('requires notifications:read:any');
      }
      return listDeliveries(deps, { ...query, userId: any ? userId : principal.subject });
    },
  );

  app.get(
    '/api/v1/notifications',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['notifications'],
        description: 'The signed-in user’s own messages, newest first.',
        querystring: Type.Object(filters, { additionalProperties: false }),
        response: { 200: DeliveryPage },
      },
    },
    async (request) => listDeliveries(deps, { ...request.query, userId: request.principal!.subject }),
  );

  // Admin: a message that ran out of attempts is sent again.
  app.post(
    '/api/v1/notifications/deliveries/:id/retry',
    {
      preHandler: requirePermission('notifications:manage'),
      schema: {
        tags: ['notifications'],
        description: 'Queues a failed message again with a fresh budget of attempts.',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 200: Delivery },
      },
    },
    async (request) => retryDelivery(deps, request.ctx, request.params.id),
  );
}
