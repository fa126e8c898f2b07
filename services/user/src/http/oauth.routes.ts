import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { Type } from 'typebox';
import type { UserDeps } from '../use-cases/deps.js';
import { finishOAuthLogin } from '../use-cases/finish-oauth-login.js';
import { oauthStateLifetimeMs, redirectUriOf, startOAuthLogin } from '../use-cases/start-oauth-login.js';
import { sessionProperties, toUserView, UserView } from './schemas.js';

const stateCookie = 'emporium_oauth_state';
const cookiePath = '/api/v1/auth/oauth';
const ProviderParams = Type.Object(
  { provider: Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$' }) },
  { additionalProperties: false },
);

export interface OAuthRouteSettings {
  /** Set: the callback redirects there with the tokens in the fragment; unset: it answers JSON. */
  successRedirectUrl?: string | undefined;
}

/**
 * OAuth 2.0 / OpenID Connect sign-in. These are the only routes that read a
 * cookie: `state` rides in a SameSite=Lax, HttpOnly cookie scoped to these
 * paths, and the callback requires it to equal the `state` the provider
 * returns; together with PKCE that is the CSRF protection here (a forged
 * callback lacks the victim's cookie). See docs/auth.md.
 */
export function oauthRoutes(app: HttpApp, deps: UserDeps, settings: OAuthRouteSettings): void {
  const secure = deps.oauth.redirectBaseUrl.startsWith('https://');

  app.get(
    '/api/v1/auth/oauth/:provider/start',
    { schema: { tags: ['auth'], params: ProviderParams } },
    async (request, reply) => {
      const { url, state } = await startOAuthLogin(deps, request.ctx, request.params.provider);
      return reply
        .setCookie(stateCookie, state, {
          path: cookiePath,
          httpOnly: true,
          sameSite: 'lax',
          secure,
          maxAge: oauthStateLifetimeMs / 1000,
        })
        .header('cache-control', 'no-store')
        .redirect(url.toString(), 302);
    },
  );

  app.get(
    '/api/v1/auth/oauth/:provider/callback',
    {
      schema: {
        tags: ['auth'],
        params: ProviderParams,
        // Providers add their own parameters (scope, authuser, iss, session_state...): accepted, and checked by openid-client.
        querystring: Type.Object(
          {
            state: Type.Optional(Type.String({ maxLength: 512 })),
            code: Type.Optional(Type.String({ maxLength: 2048 })),
          },
          { additionalProperties: true },
        ),
        response: {
          200: Type.Object(
            { user: UserView, created: Type.Boolean(), ...sessionProperties },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request, reply) => {
      const provider = request.params.provider;
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      reply.clearCookie(stateCookie, { path: cookiePath });
      const result = await finishOAuthLogin(deps, request.ctx, {
        provider,
        state: request.query.state,
        cookieState: request.cookies[stateCookie],
        callbackUrl: new URL(`${redirectUriOf(deps, provider)}${query}`),
      });
      reply.header('cache-control', 'no-store');
      const tokens = { ...result.session, tokenType: 'Bearer' as const };
      if (settings.successRedirectUrl) {
        // The fragment never reaches a server or a Referer header; the storefront reads it and clears it.
        const fragment = new URLSearchParams({
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          tokenType: tokens.tokenType,
          expiresIn: String(tokens.expiresIn),
        });
        return reply.redirect(`${settings.successRedirectUrl}#${fragment}`, 302);
      }
      return reply.send({ user: toUserView(result.user), created: result.created, ...tokens });
    },
  );
}
