import { Type } from 'typebox';
import type { HttpApp } from '../http/create-http-app.js';
import { defineErrors } from '../http/errors.js';
import type { DeadLetters } from './dead-letters.js';

export const deadLetterErrors = defineErrors({
  DEAD_LETTER_NOT_FOUND: { status: 404, title: 'No such dead letter' },
});

const DeadLetterView = Type.Object(
  {
    id: Type.String(),
    queue: Type.String(),
    eventId: Type.Union([Type.String(), Type.Null()]),
    eventType: Type.Union([Type.String(), Type.Null()]),
    reason: Type.Union([Type.Literal('poison'), Type.Literal('exhausted')]),
    error: Type.String(),
    attempts: Type.Integer(),
    deadAt: Type.String(),
    payload: Type.Unknown(),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
);
const Replayed = Type.Object({ replayed: Type.Integer() }, { additionalProperties: false });

/**
 * Admin: list, inspect and replay the service's dead letters. Register it in
 * the service's admin scope (the auth guard for that scope comes with the
 * security issue).
 */
export function registerDeadLetterRoutes(app: HttpApp, deadLetters: DeadLetters): void {
  const tags = ['admin', 'events'];

  app.get(
    '/admin/dead-letters',
    {
      schema: {
        tags,
        querystring: Type.Object(
          {
            queue: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
            cursor: Type.Optional(Type.String({ maxLength: 1024 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { items: Type.Array(DeadLetterView), nextCursor: Type.Union([Type.String(), Type.Null()]) },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request) => deadLetters.list(request.query),
  );

  app.get(
    '/admin/dead-letters/:id',
    { schema: { tags, params: IdParams, response: { 200: DeadLetterView } } },
    async (request) => {
      const found = await deadLetters.get(request.params.id);
      if (!found)
        throw deadLetterErrors.DEAD_LETTER_NOT_FOUND(`dead letter "${request.params.id}" does not exist`);
      return found;
    },
  );

  app.post(
    '/admin/dead-letters/:id/replay',
    { schema: { tags, params: IdParams, response: { 200: Replayed } } },
    async (request) => {
      if (!(await deadLetters.replay(request.params.id))) {
        throw deadLetterErrors.DEAD_LETTER_NOT_FOUND(`dead letter "${request.params.id}" does not exist`);
      }
      return { replayed: 1 };
    },
  );

  app.post(
    '/admin/dead-letters/replay-all',
    {
      schema: {
        tags,
        body: Type.Optional(
          Type.Object(
            { queue: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })) },
            { additionalProperties: false },
          ),
        ),
        response: { 200: Replayed },
      },
    },
    async (request) => ({ replayed: await deadLetters.replayAll({ queue: request.body?.queue }) }),
  );
}
