import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ServiceLocator } from '../discovery/service-locator.js';
import { platformErrors } from '../http/errors.js';
import { createServiceClient, type ServiceClient } from '../resilience/service-client.js';
import type { ApiKeyVerifier } from './auth-hooks.js';
import type { Principal } from './principal.js';

export interface ApiKeyVerifierSettings {
  /** The calling service's name (traces, logs at the user service). */
  caller: string;
  locator: ServiceLocator;
  /** How long a key the user service accepted is trusted without asking again: revocation takes effect within it. */
  positiveTtlMs?: number;
  /** How long a refused key is refused without asking again (a flood of one bad key costs one call). */
  negativeTtlMs?: number;
  maxEntries?: number;
  /** Tests: a client of their own. */
  client?: ServiceClient;
}

type Verdict = { ok: true; principal: Principal } | { ok: false };

/**
 * Verifies `X-Api-Key` for any service by asking the user service
 * (`POST /internal/api-keys/introspect`) through discovery, under the usual
 * timeout, retry and breaker. Answers are cached briefly, keyed by the key's
 * SHA-256 (the key itself is never kept), and concurrent checks of one key
 * share one call. The user service is down: 503 (the hook maps it), never a
 * silent accept.
 */
export function createApiKeyVerifier(settings: ApiKeyVerifierSettings): ApiKeyVerifier {
  const positiveTtlMs = settings.positiveTtlMs ?? 30_000;
  const negativeTtlMs = settings.negativeTtlMs ?? 5_000;
  const client =
    settings.client ??
    createServiceClient({ caller: settings.caller, target: 'user', locator: settings.locator });
  const verdicts = new LRUCache<string, Verdict>({ max: settings.maxEntries ?? 10_000 });
  const inFlight = new Map<string, Promise<Verdict>>();

  async function introspect(key: string): Promise<Verdict> {
    const response = await client.call<Principal>(undefined, {
      method: 'POST',
      path: '/internal/api-keys/introspect',
      body: { key },
      // Reading who a key belongs to changes nothing: safe to retry.
      idempotent: true,
    });
    if (response.status === 200) {
      const body = response.body;
      return {
        ok: true,
        principal: {
          kind: 'api-key',
          subject: String(body.subject),
          roles: Array.isArray(body.roles) ? body.roles.map(String) : [],
          permissions: Array.isArray(body.permissions) ? body.permissions.map(String) : [],
        },
      };
    }
    if (response.status === 401 || response.status === 400) return { ok: false };
    throw new Error(`api key introspection answered ${response.status}`);
  }

  return async function verify(key: string): Promise<Principal> {
    const id = createHash('sha256').update(key).digest('base64url');
    let verdict = verdicts.get(id);
    if (!verdict) {
      let pending = inFlight.get(id);
      if (!pending) {
        pending = introspect(key).finally(() => inFlight.delete(id));
        inFlight.set(id, pending);
      }
      verdict = await pending;
      verdicts.set(id, verdict, { ttl: verdict.ok ? positiveTtlMs : negativeTtlMs });
    }
    if (!verdict.ok) throw platformErrors.UNAUTHENTICATED('the API key is invalid, expired or revoked');
    return { ...verdict.principal, permissions: [...verdict.principal.permissions], roles: [] };
  };
}
