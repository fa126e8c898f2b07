import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Principal } from '@emporium/platform/auth/principal';
import { type Dispatcher, upgrade as upgradeConnection } from 'undici';
import type { GatewayDeps } from '../deps.js';
import { forwardedClientOf } from '../edge/client-ip.js';
import { ownerOf } from '../routing/route-table.js';
import { targetOf } from '../upstream/upstreams.js';
import { requestHeadersFor } from './forward-headers.js';

/** Services whose routes accept WebSocket upgrades through the gateway (live notifications). */
const websocketServices = new Set(['notification']);

/**
 * WebSocket upgrades, which Fastify's routes never see: the gateway checks
 * the caller at the edge (a bearer token in `Authorization`, or in the
 * `access_token` query parameter, since browsers cannot set headers on a
 * WebSocket), asks undici to upgrade a connection to an instance of the
 * owning service with the caller's headers, then splices the two sockets.
 * The service verifies the token again, as it does for every request.
 */
export function proxyWebSocketUpgrades(server: Server, deps: GatewayDeps): void {
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    upgrade(deps, request, socket, head).catch((error) => {
      deps.logger.warn({ err: error, url: request.url }, 'websocket upgrade failed');
      refuse(socket, 502, 'BAD_GATEWAY', 'the upgrade to the service failed');
    });
  });
}

async function upgrade(deps: GatewayDeps, request: IncomingMessage, socket: Duplex, head: Buffer) {
  const url = new URL(request.url ?? '/', 'http://gateway');
  const service = ownerOf(url.pathname);
  if (!service || !websocketServices.has(service) || request.method !== 'GET') {
    return refuse(socket, 404, 'ROUTE_NOT_FOUND', 'no WebSocket route here');
  }
  const principal = await callerOf(deps, request, url);
  if (!principal) return refuse(socket, 401, 'UNAUTHENTICATED', 'a valid access token is required');

  let baseUrl: string;
  try {
    baseUrl = await deps.locator.resolve(service);
  } catch {
    return refuse(socket, 503, 'DEPENDENCY_UNAVAILABLE', `${service} is unavailable`);
  }
  const target = targetOf(baseUrl);
  // End-to-end headers only (the Sec-WebSocket-* ones among them); undici sets Connection and Upgrade.
  const headers = requestHeadersFor(request.headers, {
    requestId: randomUUID(),
    ...forwardedClientOf(
      { ip: request.socket.remoteAddress ?? '', protocol: 'http', host: request.headers.host ?? '' },
      request.headers,
      deps.config.trustProxyHops,
    ),
  });
  let upstream: Dispatcher.UpgradeData;
  try {
    upstream = await upgradeConnection(`${target.origin}${target.basePath}${request.url ?? '/'}`, {
      dispatcher: deps.upstreams.get(service).agent,
      method: 'GET',
      headers,
      protocol: 'websocket',
    });
  } catch (error) {
    deps.locator.reportFailure?.(service, baseUrl);
    deps.logger.warn({ err: error, service }, 'websocket upgrade refused upstream');
    return refuse(socket, 502, 'BAD_GATEWAY', `${service} refused the upgrade`);
  }
  const lines = ['HTTP/1.1 101 Switching Protocols'];
  for (const [name, value] of Object.entries(upstream.headers)) {
    for (const one of Array.isArray(value) ? value : [value])
      if (one !== undefined) lines.push(`${name}: ${one}`);
  }
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  if (head.length > 0) upstream.socket.write(head);
  upstream.socket.on('error', () => socket.destroy());
  socket.on('close', () => upstream.socket.destroy());
  upstream.socket.on('close', () => socket.destroy());
  upstream.socket.pipe(socket);
  socket.pipe(upstream.socket);
}

async function callerOf(
  deps: GatewayDeps,
  request: IncomingMessage,
  url: URL,
): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  const token = header?.toLowerCase().startsWith('bearer ')
    ? header.slice('bearer '.length)
    : (url.searchParams.get('access_token') ?? undefined);
  if (!token) return undefined;
  try {
    return await deps.auth.jwt(token);
  } catch {
    return undefined;
  }
}

/** An HTTP answer on a socket that asked to upgrade, as problem+json, then closed. */
function refuse(socket: Duplex, status: number, code: string, detail: string): void {
  if (socket.destroyed) return;
  const reason = { 401: 'Unauthorized', 404: 'Not Found', 502: 'Bad Gateway', 503: 'Service Unavailable' }[
    status
  ];
  const body = JSON.stringify({ type: 'about:blank', title: reason, status, code, detail });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/problem+json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
