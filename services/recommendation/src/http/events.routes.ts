import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { recommendationErrors } from '../domain/errors.js';
import type { RecommendationDeps } from '../use-cases/deps.js';
import { trackBehaviour } from '../use-cases/track-behaviour.js';
import { TrackBody } from './schemas.js';

export function eventsRoutes(app: HttpApp, deps: RecommendationDeps): void {
  // Anonymous sessions track too; a signed-in shopper's events are theirs: the user id comes from the token.
  app.post(
    '/api/v1/events',
    {
      schema: {
        tags: ['behaviour'],
        description:
          'Records one behaviour event, or a batch of up to 50 as {events: [...]}. `userId`, when sent, ' +
          "must be the signed-in caller's; a signed-in caller's events are attributed to them.",
        body: TrackBody,
        response: { 202: Type.Object({ accepted: Type.Integer() }, { additionalProperties: false }) },
      },
    },
    async (request, reply) => {
      const events = 'events' in request.body ? request.body.events : [request.body];
      const principal = request.principal;
      const caller = principal?.kind === 'user' ? principal.subject : undefined;
      for (const event of events) {
        if (event.userId !== undefined && event.userId !== caller) {
          throw recommendationErrors.BEHAVIOUR_USER_MISMATCH(
            'an event may only name the signed-in caller as its user',
          );
        }
      }
      const attributed = events.map((event) => ({ ...event, userId: caller }));
      return reply.code(202).send(await trackBehaviour(deps, request.ctx, attributed));
    },
  );
}
