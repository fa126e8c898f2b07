import * as client from 'openid-client';

/** What the service learns from a provider about the person signing in. */
export interface OAuthProfile {
  /** The provider's stable id for the person (`sub`, or GitHub's numeric id). */
  subject: string;
  email: string | undefined;
  /** True only when the provider vouches that the person controls the address. */
  emailVerified: boolean;
  name: string | undefined;
}

export interface OAuthChecks {
  codeVerifier: string;
  state: string;
  nonce: string;
}

export interface OAuthProvider {
  name: string;
  /** The authorization URL to send the browser to (code flow, PKCE S256, state, and nonce for OIDC). */
  authorizationUrl(redirectUri: string, checks: OAuthChecks & { codeChallenge: string }): Promise<URL>;
  /** Exchanges the code of the callback URL and reads the person's profile. */
  exchange(callbackUrl: URL, checks: OAuthChecks): Promise<OAuthProfile>;
}

export interface OAuthClientSettings {
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
}

/** Plain http is accepted only for an issuer on this machine (tests, a local identity provider). */
function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const timeoutMs = 5_000;

/**
 * Any OpenID Connect provider (Google is one with a fixed issuer): metadata
 * by discovery, fetched once and kept; the ID token's signature, issuer,
 * audience and nonce are checked by openid-client; the email comes from the
 * ID token or, when the provider keeps claims out of it, from userinfo.
 */
export function openIdProvider(name: string, issuer: URL, settings: OAuthClientSettings): OAuthProvider {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= client
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        timeout: timeoutMs / 1000,
        ...(isLoopback(issuer) && issuer.protocol === 'http:'
          ? { execute: [client.allowInsecureRequests] }
          : {}),
      })
      .catch((error: unknown) => {
        discovered = undefined; // try again on the next sign-in
        throw error;
      });
    return discovered;
  };
  return {
    name,
    async authorizationUrl(redirectUri, checks) {
      return client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: checks.codeChallenge,
        code_challenge_method: 'S256',
      });
    },
    async exchange(callbackUrl, checks) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      let source: Record<string, unknown> = claims;
      if (typeof claims.email !== 'string') {
        source = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      }
      return {
        subject: claims.sub,
        email: typeof source.email === 'string' ? source.email : undefined,
        emailVerified: source.email_verified === true,
        name: typeof source.name === 'string' ? source.name : undefined,
      };
    },
  };
}

export const googleIssuer = new URL('https://accounts.google.com');

/**
 * GitHub speaks OAuth 2.0, not OpenID Connect: no ID token, so the profile
 * comes from its REST API, and only an address GitHub marks verified is
 * used (the primary one first).
 */
export function githubProvider(
  settings: OAuthClientSettings,
  apiBaseUrl = 'https://api.github.com',
): OAuthProvider {
  const config = new client.Configuration(
    {
      issuer: 'https://github.com',
      authorization_endpoint: 'https://github.com/login/oauth/authorize',
      token_endpoint: 'https://github.com/login/oauth/access_token',
    },
    settings.clientId,
    settings.clientSecret,
  );
  config.timeout = timeoutMs / 1000;
  const api = async <T>(path: string, accessToken: string): Promise<T> => {
    const response = await fetch(`${apiBaseUrl}${path}`, {
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/vnd.github+json',
        'user-agent': 'emporium',
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`github ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    name: 'github',
    async authorizationUrl(redirectUri, checks) {
      return client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        state: checks.state,
        code_challenge: checks.codeChallenge,
        code_challenge_method: 'S256',
      });
    },
    async exchange(callbackUrl, checks) {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
      });
      const user = await api<{ id: number; name: string | null; login: string }>(
        '/user',
        tokens.access_token,
      );
      const emails = await api<Array<{ email: string; primary: boolean; verified: boolean }>>(
        '/user/emails',
        tokens.access_token,
      );
      const verified = emails.filter((entry) => entry.verified);
      const chosen = verified.find((entry) => entry.primary) ?? verified[0];
      return {
        subject: String(user.id),
        email: chosen?.email,
        emailVerified: chosen !== undefined,
        name: user.name ?? user.login,
      };
    },
  };
}

/** The providers the configuration enables, by the name used in `/api/v1/auth/oauth/:provider`. */
export function oauthProvidersFrom(config: {
  oauthGoogleClientId?: string | undefined;
  oauthGoogleClientSecret?: string | undefined;
  oauthGithubClientId?: string | undefined;
  oauthGithubClientSecret?: string | undefined;
  oauthOidcName: string;
  oauthOidcIssuer?: string | undefined;
  oauthOidcClientId?: string | undefined;
  oauthOidcClientSecret?: string | undefined;
  oauthOidcScopes: string;
}): Map<string, OAuthProvider> {
  const providers = new Map<string, OAuthProvider>();
  if (config.oauthGoogleClientId) {
    providers.set(
      'google',
      openIdProvider('google', googleIssuer, {
        clientId: config.oauthGoogleClientId,
        clientSecret: config.oauthGoogleClientSecret,
        scopes: 'openid email profile',
      }),
    );
  }
  if (config.oauthGithubClientId) {
    providers.set(
      'github',
      githubProvider({
        clientId: config.oauthGithubClientId,
        clientSecret: config.oauthGithubClientSecret,
        scopes: 'read:user user:email',
      }),
    );
  }
  if (config.oauthOidcIssuer && config.oauthOidcClientId) {
    providers.set(
      config.oauthOidcName,
      openIdProvider(config.oauthOidcName, new URL(config.oauthOidcIssuer), {
        clientId: config.oauthOidcClientId,
        clientSecret: config.oauthOidcClientSecret,
        scopes: config.oauthOidcScopes,
      }),
    );
  }
  return providers;
}
