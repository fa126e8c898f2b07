import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpApp } from '../http/create-http-app.js';
import { platformErrors } from '../http/errors.js';
import { identifyCaller } from './identify-caller.js';
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
    request.principal = await identifyCaller(request.headers, verifiers);
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
