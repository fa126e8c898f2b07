import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import { clientAddressOf } from '../security/client-address.js';
import { confirmPasswordReset } from '../use-cases/confirm-password-reset.js';
import type { UserDeps } from '../use-cases/deps.js';
import { login } from '../use-cases/login.js';
import { logout } from '../use-cases/logout.js';
import { refreshSession } from '../use-cases/refresh-session.js';
import { registerUser } from '../use-cases/register-user.js';
import { requestPasswordReset } from '../use-cases/request-password-reset.js';
import { verifyEmail } from '../use-cases/verify-email.js';
import { withRetryAfter } from './retry-after.js';
import {
  Email,
  LinkToken,
  Locale,
  Password,
  PersonName,
  PresentedPassword,
  RefreshToken,
  SessionView,
  sessionProperties,
  toUserView,
  UserView,
} from './schemas.js';

const body = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

/** Public routes: no credentials needed to call them. Token responses are never cached (RFC 6749 §5.1). */
export function authRoutes(app: HttpApp, deps: UserDeps, settings: { trustForwardedFor: boolean }): void {
  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags: ['auth'],
        body: body({
          email: Email,
          password: Password,
          name: PersonName,
          locale: Type.Optional(Locale),
          marketingOptIn: Type.Optional(Type.Boolean()),
          // Accepted and dropped: a registration always gets the customer role, whatever is sent here.
          roles: Type.Optional(Type.Unknown({ description: 'ignored: new accounts are customers' })),
        }),
        response: {
          201: Type.Object({ user: UserView, ...sessionProperties }, { additionalProperties: false }),
        },
      },
    },
    async (request, reply) => {
      const { roles: _ignored, ...input } = request.body;
      const { user, session } = await registerUser(deps, request.ctx, input);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ user: toUserView(user), ...session, tokenType: 'Bearer' as const });
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        body: body({ email: Email, password: PresentedPassword }),
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      const clientAddress = clientAddressOf(request, settings.trustForwardedFor);
      const session = await withRetryAfter(
        reply,
        login(deps, request.ctx, { ...request.body, clientAddress }),
      );
      return reply.header('cache-control', 'no-store').send({ ...session, tokenType: 'Bearer' as const });
    },
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      schema: { tags: ['auth'], body: body({ refreshToken: RefreshToken }), response: { 200: SessionView } },
    },
    async (request, reply) => {
      const session = await refreshSession(deps, request.ctx, request.body);
      return reply.header('cache-control', 'no-store').send({ ...session, tokenType: 'Bearer' as const });
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], body: body({ refreshToken: RefreshToken }) } },
    async (request, reply) => {
      await logout(deps, request.ctx, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/auth/verify-email',
    { schema: { tags: ['auth'], body: body({ token: LinkToken }) } },
    async (request, reply) => {
      await verifyEmail(deps, request.ctx, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    { schema: { tags: ['auth'], body: body({ email: Email }) } },
    async (request, reply) => {
      await requestPasswordReset(deps, request.ctx, request.body);
      // The same answer whether or not the email has an account.
      return reply.code(202).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    { schema: { tags: ['auth'], body: body({ token: LinkToken, password: Password }) } },
    async (request, reply) => {
      await confirmPasswordReset(deps, request.ctx, request.body);
      return reply.code(204).send();
    },
  );
}
