import { requirePermission } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import type { NotificationDeps } from '../use-cases/deps.js';
import { listDeliveries } from '../use-cases/list-deliveries.js';
import { Channel, DeliveryStatus, OutboxPage } from './schemas.js';

/** Admin: every message on every channel (`notifications:read:any`). */
export function outboxRoutes(app: HttpApp, deps: NotificationDeps): void {
  app.get(
    '/api/v1/notifications/outbox',
    {
      preHandler: requirePermission('notifications:read:any'),
      schema: {
        tags: ['notifications'],
        description: 'What was sent or attempted, newest first, per channel if asked.',
        querystring: Type.Object(
          {
            channel: Type.Optional(Channel),
            status: Type.Optional(DeliveryStatus),
            ...pageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: OutboxPage },
      },
    },
    async (request) => listDeliveries(deps, request.query),
  );
}
