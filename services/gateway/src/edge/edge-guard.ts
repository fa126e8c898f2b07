import type { Verifiers } from '@emporium/platform/auth/auth-hooks';
import { hasPermission, type Principal } from '@emporium/platform/auth/principal';
import { platformErrors } from '@emporium/platform/http/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type EdgeAccess, edgeAccessOf } from '../routing/edge-rules.js';
import { hasDotSegment, pathOf } from '../routing/path-pattern.js';
import { clientKeyOf } from './client-ip.js';
import { identifyCallerAtEdge } from './identify-caller.js';
import type { LimitClass } from './rate-limit-settings.js';
import type { RateDecision, RateLimiter } from './rate-limiter.js';

export interface EdgeGuardDeps {
  verifiers: Verifiers;
  /** Absent when rate limiting is off (`RATE_LIMITING=false`). */
  limiter: RateLimiter | undefined;
  trustProxyHops: number;
}

/**
 * The first lock, before anything reaches a service: verify the caller's
 * credentials, count the request against its limit, then apply the edge
 * rule of its method and path. A request with bad credentials is counted
 * against its address before its 401, so guessing keys costs the guesser.
 * The credentials go upstream unchanged: each service verifies them again.
 */
export function edgeGuard(deps: EdgeGuardDeps) {
  return async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const path = pathOf(request.url);
    if (hasDotSegment(path)) throw platformErrors.VALIDATION_FAILED('the path has "." or ".." segments');

    const { principal, failure } = await identifyCallerAtEdge(request.headers, deps.verifiers);
    if (deps.limiter) {
      const ip = clientKeyOf(request.ip, request.headers, deps.trustProxyHops);
      const [limitClass, subject] = counterOf(path, principal, ip);
      const decision = await deps.limiter.hit(request, limitClass, subject);
      if (decision) limitHeaders(reply, decision);
      if (decision?.exceeded) {
        reply.header('retry-after', String(Math.max(1, decision.resetSeconds)));
        throw platformErrors.RATE_LIMITED(
          `at most ${decision.limit} requests per ${decision.windowSeconds} s; retry in ${decision.resetSeconds} s`,
        );
      }
    }
    if (failure) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw failure;
    }
    request.principal = principal;
    admit(edgeAccessOf(request.method, path), request, reply);
  };
}

/** Sign-in routes by address whoever calls; otherwise by API key, user, or address. */
function counterOf(path: string, principal: Principal | undefined, ip: string): [LimitClass, string] {
  if (path === '/api/v1/auth' || path.startsWith('/api/v1/auth/')) return ['auth', ip];
  if (principal?.kind === 'api-key') return ['apiKey', principal.subject];
  if (principal) return ['user', principal.subject];
  return ['anonymous', ip];
}

/** The draft IETF RateLimit header fields, on every counted response. */
function limitHeaders(reply: FastifyReply, decision: RateDecision): void {
  reply.header('ratelimit-limit', String(decision.limit));
  reply.header('ratelimit-remaining', String(decision.remaining));
  reply.header('ratelimit-reset', String(decision.resetSeconds));
  reply.header('ratelimit-policy', `${decision.limit};w=${decision.windowSeconds}`);
}

const hasCartToken = (request: FastifyRequest) => {
  const token = request.headers['x-cart-token'];
  return typeof token === 'string' && token.length > 0;
};

function admit(access: EdgeAccess, request: FastifyRequest, reply: FastifyReply): void {
  const { principal } = request;
  if (access === 'public') return;
  if (access === 'internal') throw platformErrors.FORBIDDEN('this route is not served through the gateway');
  if (access === 'identified' && (principal || hasCartToken(request))) return;
  if (!principal) {
    reply.header('www-authenticate', 'Bearer');
    throw platformErrors.UNAUTHENTICATED(
      access === 'identified' ? "sign in, or send your cart's X-Cart-Token" : 'sign in, or send an API key',
    );
  }
  if (access !== 'authenticated' && access !== 'identified' && !hasPermission(principal, access)) {
    throw platformErrors.FORBIDDEN(`requires ${access}`);
  }
}
