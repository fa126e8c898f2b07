import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { RecommendationDeps } from '../use-cases/deps.js';
import { trackBehaviour } from '../use-cases/track-behaviour.js';
import { TrackBody } from './schemas.js';

export function eventsRoutes(app: HttpApp, deps: RecommendationDeps): void {
  // Anonymous sessions track too; once auth lands the user id comes from the JWT when there is one.
  app.post(
    '/api/v1/events',
    {
      schema: {
        tags: ['behaviour'],
        description: 'Records one behaviour event, or a batch of up to 50 as {events: [...]}.',
        body: TrackBody,
        response: { 202: Type.Object({ accepted: Type.Integer() }, { additionalProperties: false }) },
      },
    },
    async (request, reply) => {
      const events = 'events' in request.body ? request.body.events : [request.body];
      return reply.code(202).send(await trackBehaviour(deps, request.ctx, events));
    },
  );
}
