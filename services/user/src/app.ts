import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import type { ReadinessCheck } from '@emporium/platform/http/operational-routes';
import type { ServiceMetrics } from '@emporium/platform/metrics/metrics';
import cookie from '@fastify/cookie';
import { registerActiveAccountCheck } from './http/active-account.hook.js';
import { apiKeysRoutes } from './http/api-keys.routes.js';
import { authRoutes } from './http/auth.routes.js';
import { keysRoutes } from './http/keys.routes.js';
import { meRoutes } from './http/me.routes.js';
import { oauthRoutes } from './http/oauth.routes.js';
import { rolesRoutes } from './http/roles.routes.js';
import { usersRoutes } from './http/users.routes.js';
import type { UserDeps } from './use-cases/deps.js';

export interface UserAppDeps extends UserDeps {
  /** This service's own verifiers: its JWKS read locally, API keys checked in its database. */
  auth: Verifiers;
  serviceMetrics: ServiceMetrics;
  readiness: ReadinessCheck[];
  http: { trustForwardedFor: boolean; oauthSuccessRedirectUrl?: string | undefined };
}

export const userServiceDescription =
  'Accounts, credentials, sessions (JWT + refresh tokens), OAuth/OIDC sign-in, roles and API keys.';

export async function buildApp(deps: UserAppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'user',
    version: '0.1.0',
    description: userServiceDescription,
    logger: deps.logger,
    metrics: deps.serviceMetrics,
    readiness: deps.readiness,
    auth: deps.auth,
  });
  await app.register(cookie);
  registerActiveAccountCheck(app, deps);
  keysRoutes(app, deps);
  authRoutes(app, deps, { trustForwardedFor: deps.http.trustForwardedFor });
  oauthRoutes(app, deps, { successRedirectUrl: deps.http.oauthSuccessRedirectUrl });
  meRoutes(app, deps);
  usersRoutes(app, deps);
  rolesRoutes(app, deps);
  apiKeysRoutes(app, deps);
  return app;
}
