import { requireAuthenticated } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { platformErrors } from '@emporium/platform/http/errors';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deleteAccount } from '../use-cases/delete-account.js';
import type { UserDeps } from '../use-cases/deps.js';
import { getUser } from '../use-cases/get-user.js';
import { updateProfile } from '../use-cases/update-profile.js';
import { Locale, Password, PersonName, PresentedPassword, toUserView, UserView } from './schemas.js';

/** The signed-in person's id; an API key has no profile. */
function callerId(request: FastifyRequest): string {
  const principal = request.principal;
  if (principal?.kind !== 'user') throw platformErrors.FORBIDDEN('only a signed-in person has a profile');
  return principal.subject;
}

/** The caller's own account. The active-account check (app.ts) has already refused deleted accounts. */
export function meRoutes(app: HttpApp, deps: UserDeps): void {
  app.get(
    '/api/v1/users/me',
    { preHandler: requireAuthenticated, schema: { tags: ['users'], response: { 200: UserView } } },
    async (request) => toUserView(await getUser(deps, request.principal, callerId(request))),
  );

  app.patch(
    '/api/v1/users/me',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['users'],
        body: Type.Object(
          {
            name: Type.Optional(PersonName),
            locale: Type.Optional(Locale),
            marketingOptIn: Type.Optional(Type.Boolean()),
            password: Type.Optional(Password),
            currentPassword: Type.Optional(PresentedPassword),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: UserView },
      },
    },
    async (request) => toUserView(await updateProfile(deps, request.ctx, callerId(request), request.body)),
  );

  app.delete(
    '/api/v1/users/me',
    { preHandler: requireAuthenticated, schema: { tags: ['users'] } },
    async (request, reply) => {
      await deleteAccount(deps, request.ctx, callerId(request));
      return reply.code(204).send();
    },
  );
}
