import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startTestGateway } from './support/test-gateway.js';

/**
 * WebSocket upgrades through the gateway to a real WebSocket server standing
 * in for the notification service's live endpoint: it echoes messages and
 * reports the headers its upgrade request arrived with.
 */
let upstream: Server;
let gateway: TestService;
let upstreamUrl: string;

beforeAll(async () => {
  upstream = createServer();
  const sockets = new WebSocketServer({ server: upstream });
  sockets.on('connection', (socket, request) => {
    socket.send(JSON.stringify({ url: request.url, headers: request.headers }));
    socket.on('message', (data) => socket.send(`echo:${data}`));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  gateway = await startTestGateway({ SERVICE_URLS: `notification=${upstreamUrl}` });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

const wsUrl = (path: string) => `${gateway.url.replace(/^http/, 'ws')}${path}`;

/** Opens a socket; resolves with its first message, or with the HTTP status it was refused with. */
function connect(url: string, headers: Record<string, string> = {}) {
  return new Promise<{
    socket?: WebSocket;
    first?: { url: string; headers: IncomingHttpHeaders };
    status?: number;
  }>((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('message', (data) => resolve({ socket, first: JSON.parse(String(data)) }));
    socket.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode }));
    socket.once('error', reject);
  });
}

describe('WebSocket upgrades through the gateway', () => {
  it('carries a socket with a token in the query to the owning service, both ways', async () => {
    const token = await gateway.identity.token({ sub: 'customer-1' });
    const { socket, first } = await connect(wsUrl(`/api/v1/notifications/live?access_token=${token}`));
    expect(first!.url).toBe(`/api/v1/notifications/live?access_token=${token}`);
    expect(first!.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(first!.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
    const echoed = new Promise((resolve) => socket!.once('message', (data) => resolve(String(data))));
    socket!.send('hello');
    expect(await echoed).toBe('echo:hello');
    socket!.close();
  });

  it('accepts the token in the Authorization header too', async () => {
    const { socket, first } = await connect(wsUrl('/api/v1/notifications/live'), {
      authorization: `Bearer ${await gateway.identity.token({ sub: 'customer-2' })}`,
    });
    expect(first!.headers.authorization).toMatch(/^Bearer /);
    socket!.close();
  });

  it('refuses a socket without a valid token (401), on a route of no WebSocket service (404)', async () => {
    expect((await connect(wsUrl('/api/v1/notifications/live'))).status).toBe(401);
    expect((await connect(wsUrl('/api/v1/notifications/live?access_token=forged.token.here'))).status).toBe(
      401,
    );
    const token = await gateway.identity.token({ sub: 'customer-3' });
    expect((await connect(wsUrl(`/api/v1/products/live?access_token=${token}`))).status).toBe(404);
  });

  it('answers 502 when the service cannot be reached, without hanging', async () => {
    const dead = await startTestGateway({ SERVICE_URLS: 'notification=http://127.0.0.1:1' });
    try {
      const token = await dead.identity.token({ sub: 'customer-4' });
      const url = `${dead.url.replace(/^http/, 'ws')}/api/v1/notifications/live?access_token=${token}`;
      expect((await connect(url)).status).toBe(502);
    } finally {
      await dead.stop();
    }
  });
});
