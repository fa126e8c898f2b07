import { requireAuthenticated } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { notificationErrors } from '../domain/errors.js';
import type { NotificationDeps } from '../use-cases/deps.js';
import { subscribePush, unsubscribePush } from '../use-cases/subscribe-push.js';
import { PushSubscriptionBody, PushSubscriptionView } from './schemas.js';

/** Web Push: the key browsers subscribe with, and the signed-in user's subscriptions. */
export function pushSubscriptionsRoutes(
  app: HttpApp,
  deps: NotificationDeps,
  options: { allowHttpEndpoints: boolean },
): void {
  // Browsers' push services are public https endpoints; anything else would let a user aim the service's POSTs inward.
  const checkEndpoint = (endpoint: string) => {
    const protocol = new URL(endpoint).protocol;
    if (protocol === 'https:' || (protocol === 'http:' && options.allowHttpEndpoints)) return;
    throw notificationErrors.PUSH_ENDPOINT_INVALID(`endpoint must be https, got ${protocol}`);
  };

  app.get(
    '/api/v1/notifications/push/vapid-public-key',
    {
      schema: {
        tags: ['notifications'],
        description: 'The VAPID public key for PushManager.subscribe({ applicationServerKey }).',
        response: { 200: Type.Object({ publicKey: Type.String() }, { additionalProperties: false }) },
      },
    },
    async () => ({ publicKey: deps.vapidPublicKey }),
  );

  app.post(
    '/api/v1/notifications/push-subscriptions',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['notifications'],
        description: 'Saves the browser’s PushSubscription (its toJSON()) for the signed-in user.',
        body: PushSubscriptionBody,
        response: { 201: PushSubscriptionView },
      },
    },
    async (request, reply) => {
      checkEndpoint(request.body.endpoint);
      const saved = await subscribePush(deps, request.ctx, request.principal!.subject, request.body);
      return reply.code(201).send(saved);
    },
  );

  app.delete(
    '/api/v1/notifications/push-subscriptions',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['notifications'],
        description: 'Removes one of the signed-in user’s push subscriptions, by endpoint.',
        body: Type.Object(
          { endpoint: Type.String({ format: 'uri', maxLength: 2_048 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await unsubscribePush(deps, request.principal!.subject, request.body.endpoint);
      return reply.code(204).send(null);
    },
  );
}
