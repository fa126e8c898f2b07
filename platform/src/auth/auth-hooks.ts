import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../http/create-http-app.js';
import { isDependencyFailure } from '../http/dependency-failure.js';
import { platformErrors } from '../http/errors.js';
import { UpstreamStatusError } from '../resilience/upstream-policy.js';
import type { JwtVerifier } from './jwt-verifier.js';
import type { Permission } from './permissions.js';
import { hasPermission, type Principal } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller, or undefined for an anonymous request. */
    principal: Principal | undefined;
  }
}

/** Verifies an API key (`X-Api-Key` header) and returns its principal; provided by the user service client. */
export type ApiKeyVerifier = (key: string) => Promise<Principal>;

export interface Verifiers {
  jwt: JwtVerifier;
  apiKey?: ApiKeyVerifier | undefined;
}

/**
 * Reads the caller's credentials on every request: `Authorization: Bearer
 * <jwt>` or `X-Api-Key: <key>`. No credentials: anonymous (routes decide).
 * Credentials that do not verify: 401 at once, never treated as anonymous.
 */
export function registerAuthentication(app: HttpApp, verifiers: Verifiers): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const apiKey = request.headers['x-api-key'];
    try {
      if (typeof header === 'string' && header.length > 0) {
        const [scheme, token] = header.split(' ', 2);
        if (scheme?.toLowerCase() !== 'bearer' || !token)
          throw platformErrors.UNAUTHENTICATED('use "Authorization: Bearer <token>"');
        request.principal = await verifiers.jwt(token);
      } else if (typeof apiKey === 'string' && apiKey.length > 0) {
        if (!verifiers.apiKey) throw platformErrors.UNAUTHENTICATED('API keys are not accepted here');
        request.principal = await verifiers.apiKey(apiKey);
      }
    } catch (error) {
      // The verifier's upstream (JWKS, API-key introspection) is down or failing: 503, never an anonymous pass.
      if (isDependencyFailure(error) || error instanceof UpstreamStatusError)
        throw platformErrors.DEPENDENCY_UNAVAILABLE('cannot verify credentials right now');
      if ((error as { code?: string }).code === 'UNAUTHENTICATED') throw error;
      throw platformErrors.UNAUTHENTICATED('the credentials are invalid or expired');
    }
  });
}

/** preHandler: the route needs a signed-in caller. */
export async function requireAuthenticated(request: FastifyRequest, _reply: FastifyReply) {
  if (!request.principal) throw platformErrors.UNAUTHENTICATED();
}

/** preHandler factory: the route needs a permission (`products:write`, ...). */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.principal) throw platformErrors.UNAUTHENTICATED();
    if (!hasPermission(request.principal, permission))
      throw platformErrors.FORBIDDEN(`requires ${permission}`);
  };
}
