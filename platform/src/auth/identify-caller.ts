import type { IncomingHttpHeaders } from 'node:http';
import { isDependencyFailure } from '../http/dependency-failure.js';
import { platformErrors } from '../http/errors.js';
import { UpstreamStatusError } from '../resilience/upstream-policy.js';
import type { Verifiers } from './auth-hooks.js';
import type { Principal } from './principal.js';

/**
 * The caller, from `Authorization: Bearer <jwt>` first, else `X-Api-Key`;
 * undefined when there are no credentials (anonymous). Credentials that do
 * not verify throw 401 UNAUTHENTICATED, never an anonymous pass; a verifier
 * whose upstream (JWKS, API-key introspection) is down throws 503. Every
 * service and the gateway's edge identify callers with this one function, so
 * they never disagree on who is calling.
 */
export async function identifyCaller(
  headers: IncomingHttpHeaders,
  verifiers: Verifiers,
): Promise<Principal | undefined> {
  const header = headers.authorization;
  const apiKey = headers['x-api-key'];
  try {
    if (typeof header === 'string' && header.length > 0) {
      const [scheme, token] = header.split(' ', 2);
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw platformErrors.UNAUTHENTICATED('use "Authorization: Bearer <token>"');
      return await verifiers.jwt(token);
    }
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      if (!verifiers.apiKey) throw platformErrors.UNAUTHENTICATED('API keys are not accepted here');
      return await verifiers.apiKey(apiKey);
    }
    return undefined;
  } catch (error) {
    if (isDependencyFailure(error) || error instanceof UpstreamStatusError)
      throw platformErrors.DEPENDENCY_UNAVAILABLE('cannot verify credentials right now');
    if ((error as { code?: string }).code === 'UNAUTHENTICATED') throw error;
    throw platformErrors.UNAUTHENTICATED('the credentials are invalid or expired');
  }
}
