import { createLocalJWKSet, errors, type JSONWebKeySet, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
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
/** Verified tokens remembered, so a caller's next requests skip the signature check (as Envoy's jwt_cache does). */
const verifiedTokensKept = 10_000;

/**
 * Verifies access tokens against the user service's JWKS, fetched through
 * discovery and cached. A token with a key id the cache does not know
 * triggers one refresh (key rotation), at most every few seconds so a flood
 * of forged kids cannot hammer the user service.
 *
 * A token that verified is remembered (by its exact text) until it expires
 * or the key set is refetched, whichever comes first: the signature check is
 * most of what a small request costs the gateway and the service behind it,
 * and a client sends the same token many times. Refetching the keys forgets
 * every remembered token, so a key withdrawn from the JWKS stops being
 * honoured within the refresh period (5 min), as for an uncached verifier.
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
  const verified = new LRUCache<string, Principal>({ max: verifiedTokensKept });

  const refresh = () => {
    refreshing ??= fetchJwks()
      .then((jwks) => {
        keySet = createLocalJWKSet(jwks);
        fetchedAt = Date.now();
        verified.clear();
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
    const remembered = verified.get(token);
    if (remembered && Date.now() < (remembered.expiresAtMs ?? 0)) return remembered;
    let result: Awaited<ReturnType<typeof verifyWith>>;
    try {
      result = await verifyWith(token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || Date.now() - fetchedAt < cooldownMs) throw error;
      await refresh();
      result = await verifyWith(token);
    }
    const claims = result.payload as {
      sub: string;
      exp: number;
      roles?: unknown;
      perms?: unknown;
      email?: unknown;
    };
    // Frozen: one principal object is now shared by every request carrying this token.
    const principal: Principal = Object.freeze({
      kind: 'user',
      subject: claims.sub,
      roles: Object.freeze(Array.isArray(claims.roles) ? claims.roles.map(String) : []),
      permissions: Object.freeze(Array.isArray(claims.perms) ? claims.perms.map(String) : []),
      email: typeof claims.email === 'string' ? claims.email : undefined,
      expiresAtMs: claims.exp * 1000,
    }) as Principal;
    verified.set(token, principal);
    return principal;
  };
}

export type JwtVerifier = ReturnType<typeof createJwtVerifier>;
