import { randomBytes } from 'node:crypto';
import { inventoryService } from '@emporium/inventory/service';
import { freePort } from '@emporium/platform/db/embedded-postgres';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './support/raw-request.js';
import { startTestGateway } from './support/test-gateway.js';
import { startTinyUpstream, type TinyUpstream } from './support/tiny-upstream.js';

let inventory: TestService;
let tiny: TinyUpstream;
let gateway: TestService;
/** As the shop's admin, whose token both the gateway and inventory accept. */
let send: ReturnType<typeof httpClient>;
let anonymous: ReturnType<typeof httpClient>;
let direct: ReturnType<typeof httpClient>;
let adminToken: string;

beforeAll(async () => {
  inventory = await startTestService(inventoryService);
  tiny = await startTinyUpstream();
  const closedPort = await freePort();
  gateway = await startTestGateway({
    // One signing key for the whole suite: the gateway and inventory verify the same tokens.
    JWKS_URL: inventory.identity.jwksUrl,
    SERVICE_URLS: [
      `inventory=${inventory.url}`,
      `recommendation=${tiny.url}`,
      `analytics=${tiny.url}`,
      `search=${tiny.url}`,
      `payment=http://127.0.0.1:${closedPort}`,
      // Two instances, the first one down: balancing and the GET-only retry show.
      `notification=http://127.0.0.1:${closedPort}|${tiny.url}`,
    ].join(','),
    UPSTREAM_OVERRIDES:
      'analytics.breakerThreshold=3,analytics.breakerHalfOpenAfterMs=60000,search.timeoutMs=300',
    // Behaviour events may be large here, to show bodies stream through unbuffered.
    ROUTE_BODY_LIMITS: '/api/v1/events=8388608',
  });
  adminToken = await inventory.identity.token({ sub: 'admin-1', roles: ['admin'] });
  const admin = { authorization: `Bearer ${adminToken}` };
  send = httpClient(gateway.url, admin);
  anonymous = httpClient(gateway.url);
  direct = httpClient(inventory.url, admin);
});
afterAll(async () => {
  await gateway?.stop();
  await tiny?.close();
  await inventory?.stop();
});

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const withoutRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

describe('gateway proxying', () => {
  it('routes an area to its service and answers exactly as the service does', async () => {
    const created = await send('POST', '/api/v1/warehouses', { id: 'eu-1', name: 'Berlin', country: 'DE' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'eu-1', name: 'Berlin' });
    const viaGateway = await send('GET', '/api/v1/warehouses?limit=5');
    const straight = await direct('GET', '/api/v1/warehouses?limit=5');
    expect(viaGateway.status).toBe(200);
    expect(viaGateway.headers.get('content-type')).toBe(straight.headers.get('content-type'));
    expect(viaGateway.body).toEqual(straight.body);
    const head = await send('HEAD', '/api/v1/warehouses');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('content-length')).toBe(straight.headers.get('content-length'));
  });

  it('passes the service problem+json answers through unchanged', async () => {
    const invalid = await send(
      'POST',
      '/api/v1/warehouses',
      { id: 'x', name: '' },
      { 'x-request-id': 'req-bad-1' },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(invalid.body).toMatchObject({ code: 'VALIDATION_FAILED', requestId: 'req-bad-1' });
    const missing = await send('GET', '/api/v1/inventory/NOPE');
    expect(missing.status).toBe(404);
    expect(withoutRequestId(missing.body)).toEqual(
      withoutRequestId((await direct('GET', '/api/v1/inventory/NOPE')).body),
    );
    const tinyProblem = await send('GET', '/api/v1/recommendations/missing');
    expect(tinyProblem.status).toBe(404);
    expect(tinyProblem.body).toEqual({
      type: 'https://example.test/nothing_here',
      title: 'NOTHING_HERE',
      status: 404,
      code: 'NOTHING_HERE',
    });
  });

  it('forwards request id, trace context, credentials and X-Forwarded-*; strips hop-by-hop headers both ways', async () => {
    const response = await rawRequest(`${gateway.url}/api/v1/recommendations/echo?x=1`, {
      headers: {
        'x-request-id': 'req-echo-1',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        authorization: `Bearer ${adminToken}`,
        connection: 'keep-alive, x-drop-me',
        'x-drop-me': 'hop',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        'proxy-authorization': 'Basic c2VjcmV0',
        'x-custom': 'kept',
      },
    });
    expect(response.status).toBe(200);
    const seen = JSON.parse(response.body.toString()) as { url: string; headers: Record<string, string> };
    expect(seen.url).toBe('/api/v1/recommendations/echo?x=1');
    expect(seen.headers['x-request-id']).toBe('req-echo-1');
    // The original credentials, unchanged: the service verifies them again.
    expect(seen.headers.authorization).toBe(`Bearer ${adminToken}`);
    expect(seen.headers['x-custom']).toBe('kept');
    const [version, forwardedTrace, parentSpan] = seen.headers.traceparent!.split('-');
    expect(version).toBe('00');
    expect(forwardedTrace).toBe(traceId);
    expect(parentSpan).not.toBe('00f067aa0ba902b7'); // the gateway's own span is the parent
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers['x-forwarded-host']).toBe(new URL(gateway.url).host);
    expect(seen.headers.host).toBe(new URL(tiny.url).host);
    for (const name of ['x-drop-me', 'te', 'proxy-authorization', 'keep-alive', 'upgrade']) {
      expect(seen.headers[name]).toBeUndefined();
    }
    expect(response.headers['x-request-id']).toBe('req-echo-1');
    expect(response.headers['x-upstream']).toBe('tiny');
    expect(response.headers['proxy-authenticate']).toBeUndefined();
    expect(response.headers['x-private']).toBeUndefined();
  });

  it('streams a 5 MB body up and back, unparsed and unbuffered, on a route allowed 8 MB', async () => {
    const json = Buffer.from(JSON.stringify({ blob: randomBytes(3_800_000).toString('base64') }));
    expect(json.length).toBeGreaterThan(5_000_000);
    const response = await fetch(`${gateway.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(json)).toBe(true);

    const chunks = Array.from({ length: 80 }, () => randomBytes(64 * 1024));
    const chunked = await rawRequest(`${gateway.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      chunks,
    });
    expect(chunked.status).toBe(200);
    expect(chunked.body.equals(Buffer.concat(chunks))).toBe(true);
  });

  it('answers areas it does not route with a 404 problem', async () => {
    for (const path of ['/api/v1/nothing-here', '/api/v1/productsX', '/api/v2/products']) {
      const response = await anonymous('GET', path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('ROUTE_NOT_FOUND');
    }
  });
});

describe('gateway resilience', () => {
  it('answers 503 at once, with Retry-After, for a service that is down or unknown', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/payments/p-1'],
      ['POST', '/api/v1/payments'],
      ['GET', '/api/v1/products'],
    ] as const) {
      const started = performance.now();
      const response = await send(method, path, method === 'POST' ? { orderId: 'o-1' } : undefined);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('repeats a GET on the next instance when a connection is refused, never a POST', async () => {
    for (let i = 0; i < 4; i++) {
      const response = await send('GET', '/api/v1/notifications');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [] });
    }
    expect(tiny.hits['/api/v1/notifications']).toBe(4);
    const posts = [
      await send('POST', '/api/v1/notifications/preferences', { email: true }),
      await send('POST', '/api/v1/notifications/preferences', { email: true }),
    ];
    expect(posts.map((response) => response.status).sort()).toEqual([201, 503]);
    expect(tiny.hits['/api/v1/notifications/preferences']).toBe(1);
  });

  it('opens the breaker after 3 failures in a row and stops calling that service, and only that one', async () => {
    for (let i = 0; i < 3; i++) {
      const failed = await send('GET', '/api/v1/analytics/boom');
      expect(failed.status).toBe(500);
      expect(failed.body.code).toBe('BOOM');
    }
    expect(tiny.hits['/api/v1/analytics/boom']).toBe(3);
    const rejected = await send('GET', '/api/v1/analytics/boom');
    expect(rejected.status).toBe(503);
    expect(rejected.body.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(rejected.headers.get('retry-after')).toBe('60');
    expect(tiny.hits['/api/v1/analytics/boom']).toBe(3);
    expect((await send('GET', '/api/v1/warehouses')).status).toBe(200);
    expect((await send('GET', '/api/v1/recommendations/echo')).status).toBe(200);
  });

  it('answers 504 when a service is slower than its timeout, and recovers', async () => {
    const started = performance.now();
    const slow = await send('GET', '/api/v1/search?delay=3000');
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(slow.status).toBe(504);
    expect(slow.body.code).toBe('UPSTREAM_TIMEOUT');
    expect((await send('GET', '/api/v1/search?q=shoe')).status).toBe(200);
  });

  it('labels metrics by area, not by full path', async () => {
    const metrics = (await send('GET', '/metrics')).text;
    expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/warehouses"/);
    expect(metrics).toMatch(/route="\/api\/v1\/inventory\/\*"/);
  });
});
