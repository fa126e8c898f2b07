import { platformErrors } from '@emporium/platform/http/errors';
import type { RequestContext } from '@emporium/platform/http/request-context';
import * as client from 'openid-client';
import { deleteExpiredOAuthStates, insertOAuthState } from '../db/oauth.repo.js';
import { userErrors } from '../domain/errors.js';
import { sha256Hex } from '../domain/secret-token.js';
import type { OAuthProvider } from '../security/oauth-providers.js';
import type { UserDeps } from './deps.js';

/** How long a person has to finish signing in at the provider. */
export const oauthStateLifetimeMs = 10 * 60_000;

export function oauthProviderOf(deps: UserDeps, name: string): OAuthProvider {
  const provider = deps.oauth.providers.get(name);
  if (!provider) throw userErrors.OAUTH_PROVIDER_UNKNOWN(`no sign-in provider "${name}" is configured`);
  return provider;
}

export function redirectUriOf(deps: UserDeps, provider: string): string {
  return `${deps.oauth.redirectBaseUrl.replace(/\/+$/, '')}/api/v1/auth/oauth/${provider}/callback`;
}

/**
 * Starts an authorization-code sign-in: PKCE (S256), `state` and `nonce` are
 * fresh randoms; the verifier and nonce stay server-side under the state's
 * hash for ten minutes. The route sets `state` in a SameSite=Lax cookie and
 * redirects the browser to the returned URL.
 */
export async function startOAuthLogin(
  deps: UserDeps,
  ctx: RequestContext,
  providerName: string,
): Promise<{ url: URL; state: string }> {
  const provider = oauthProviderOf(deps, providerName);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  let url: URL;
  try {
    url = await provider.authorizationUrl(redirectUriOf(deps, providerName), {
      state,
      nonce,
      codeVerifier,
      codeChallenge: await client.calculatePKCECodeChallenge(codeVerifier),
    });
  } catch (error) {
    ctx.logger.warn({ err: error, provider: providerName }, 'oauth provider unreachable');
    throw platformErrors.DEPENDENCY_UNAVAILABLE('the sign-in provider cannot be reached right now');
  }
  await deleteExpiredOAuthStates(deps.db);
  await insertOAuthState(deps.db, {
    stateHash: sha256Hex(state),
    provider: providerName,
    codeVerifier,
    nonce,
    expiresAt: new Date(Date.now() + oauthStateLifetimeMs),
  });
  return { url, state };
}
