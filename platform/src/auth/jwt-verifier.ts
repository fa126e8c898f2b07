import { createLocalJWKSet, errors, type JSONWebKeySet, jwtVerify } from 'jose';
import type { ServiceLocator } from '../discovery/service-locator.js';
import type { Principal } from './principal.js';

export interface JwtSettings {
  issuer: string;
  audience: string;
}

/** Access tokens are signed by the user service with EdDSA only; any other `alg` (including `none`) is refused. */
export const accessTokenAlgorithms = ['EdDSA'];

/** Fetches a JWKS document from a fixed URL (JWKS_URL), with a timeout. */
export function jwksFrom(url: string): () => Promise<JSONWebKeySet> {
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    if (!response.ok) throw new Error(`jwks answered ${response.status}`);
    return (await response.json()) as JSONWebKeySet;
  };
}

const refreshAfterMs = 5 * 60_000;
const unknownKidCooldownMs = 10_000;

/**
 * Verifies access tokens against the user service's JWKS, fetched through
 * discovery and cached. A token with a key id the cache does not know
 * triggers one refresh (key rotation), at most every few seconds so a flood
 * of forged kids cannot hammer the user service.
 */
export function createJwtVerifier(
  settings: JwtSettings & {
    locator: ServiceLocator;
    fetchJwks?: () => Promise<JSONWebKeySet>;
    unknownKidCooldownMs?: number;
  },
) {
  const cooldownMs = settings.unknownKidCooldownMs ?? unknownKidCooldownMs;
  const fetchJwks =
    settings.fetchJwks ??
    (async () => jwksFrom(`${await settings.locator.resolve('user')}/.well-known/jwks.json`)());
  let keySet: ReturnType<typeof createLocalJWKSet> | undefined;
  let fetchedAt = 0;
  let refreshing: Promise<void> | undefined;

  const refresh = () => {
    refreshing ??= fetchJwks()
      .then((jwks) => {
        keySet = createLocalJWKSet(jwks);
        fetchedAt = Date.now();
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  async function verifyWith(token: string) {
    if (!keySet) throw new Error('no keys');
    return jwtVerify(token, keySet, {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: accessTokenAlgorithms,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
  }

  return async function verify(token: string): Promise<Principal> {
    if (!keySet || Date.now() - fetchedAt > refreshAfterMs) await refresh();
    let result: Awaited<ReturnType<typeof verifyWith>>;
    try {
      result = await verifyWith(token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || Date.now() - fetchedAt < cooldownMs) throw error;
      await refresh();
      result = await verifyWith(token);
    }
    const claims = result.payload as { sub: string; roles?: unknown; perms?: unknown; email?: unknown };
    return {
      kind: 'user',
      subject: claims.sub,
      roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
      permissions: Array.isArray(claims.perms) ? claims.perms.map(String) : [],
      email: typeof claims.email === 'string' ? claims.email : undefined,
    };
  };
}

export type JwtVerifier = ReturnType<typeof createJwtVerifier>;
