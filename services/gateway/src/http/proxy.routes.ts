import type { HttpApp } from '@emporium/platform/http/create-http-app';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayDeps } from '../deps.js';
import { proxyRequest } from '../proxy/proxy-request.js';
import { routeTable } from '../routing/route-table.js';

/**
 * One Fastify route per entry of the route table (and its subtree), so
 * matching is the router's radix tree and metrics are labelled by area.
 * Anything else falls to the platform's 404 ROUTE_NOT_FOUND problem.
 */
export async function proxyRoutes(app: HttpApp, deps: GatewayDeps): Promise<void> {
  // Encapsulated, so only proxied routes see the pass-through parser.
  await app.register(async (scope) => {
    // No body is parsed (nor size-limited) here: each service checks its own.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    for (const entry of routeTable) {
      const upstream = deps.upstreams.get(entry.service);
      const handler = (request: FastifyRequest, reply: FastifyReply) =>
        proxyRequest(deps, request, reply, upstream);
      const options = { schema: { hide: true }, exposeHeadRoute: false };
      scope.all(entry.prefix, options, handler);
      if (!entry.exact) scope.all(`${entry.prefix}/*`, options, handler);
    }
  });
}
