import type { HttpApp } from '@emporium/platform/http/create-http-app';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { GatewayDeps } from '../deps.js';
import { proxyRequest } from '../proxy/proxy-request.js';
import { pathOf, routeValues } from '../routing/path-pattern.js';
import { routeTable } from '../routing/route-table.js';

/**
 * One Fastify route per entry of the route table (and its subtree), so
 * matching is the router's radix tree and metrics are labelled by area.
 * Every proxied request passes the edge guard first (credentials, rate
 * limit, edge rule). Anything else falls to the platform's 404
 * ROUTE_NOT_FOUND problem.
 */
export async function proxyRoutes(
  app: HttpApp,
  deps: GatewayDeps,
  guard: onRequestAsyncHookHandler,
): Promise<void> {
  const timeouts = routeValues(deps.config.routeTimeouts);
  const bodyLimits = routeValues(deps.config.routeBodyLimits);

  // Encapsulated, so only proxied routes see the guard and the pass-through parser.
  await app.register(async (scope) => {
    scope.decorateRequest('principal', undefined);
    scope.addHook('onRequest', guard);
    // No body is parsed here: it streams upstream, counted against the route's limit (body-limit.ts).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    for (const entry of routeTable) {
      const upstream = deps.upstreams.get(entry.service);
      const handler = (request: FastifyRequest, reply: FastifyReply) => {
        const path = pathOf(request.url);
        return proxyRequest(deps, request, reply, upstream, {
          timeoutMs: timeouts.lookup(path) ?? upstream.settings.timeoutMs,
          bodyLimitBytes: bodyLimits.lookup(path) ?? deps.config.bodyLimitBytes,
        });
      };
      const options = { schema: { hide: true }, exposeHeadRoute: false };
      scope.all(entry.prefix, options, handler);
      if (!entry.exact) scope.all(`${entry.prefix}/*`, options, handler);
    }
  });
}
