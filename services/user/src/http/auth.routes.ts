import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { UserDeps } from '../use-cases/deps.js';
import { registerUser } from '../use-cases/register-user.js';
import { Email, Password, PersonName, toUserView, UserView } from './schemas.js';

/** Public routes: no credentials needed to call them. */
export function authRoutes(app: HttpApp, deps: UserDeps): void {
  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { email: Email, password: Password, name: PersonName },
          { additionalProperties: false },
        ),
        // DESIGN §9 answers {user, accessToken, refreshToken}: the tokens join this schema in the identity issue.
        response: { 201: Type.Object({ user: UserView }, { additionalProperties: false }) },
      },
    },
    async (request, reply) => {
      const user = await registerUser(deps, request.ctx, request.body);
      return reply.code(201).send({ user: toUserView(user) });
    },
  );
}
