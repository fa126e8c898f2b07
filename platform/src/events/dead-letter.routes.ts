import { Type } from 'typebox';
import { requirePermission } from '../auth/auth-hooks.js';
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
 * Admin: list, inspect and replay the service's dead letters. Every route
 * needs `dead-letters:manage`; the service must have passed `auth` to
 * `createHttpApp`, otherwise no caller is ever authenticated and every call
 * gets 401 (closed, never open).
 */
export function registerDeadLetterRoutes(app: HttpApp, deadLetters: DeadLetters): void {
  const tags = ['admin', 'events'];
  const preHandler = requirePermission('dead-letters:manage');

  app.get(
    '/admin/dead-letters',
    {
      preHandler,
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
    { preHandler, schema: { tags, params: IdParams, response: { 200: DeadLetterView } } },
    async (request) => {
      const found = await deadLetters.get(request.params.id);
      if (!found)
        throw deadLetterErrors.DEAD_LETTER_NOT_FOUND(`dead letter "${request.params.id}" does not exist`);
      return found;
    },
  );

  app.post(
    '/admin/dead-letters/:id/replay',
    { preHandler, schema: { tags, params: IdParams, response: { 200: Replayed } } },
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
      preHandler,
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
