import { randomBytes } from 'node:crypto';
import { httpClient, type TestResponse } from '@emporium/platform/testing/http';
import type { TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamServices } from '../src/routing/route-table.js';
import { rawRequest } from './support/raw-request.js';
import { startTestGateway } from './support/test-gateway.js';
import { startTinyUpstream, type TinyUpstream } from './support/tiny-upstream.js';

const shop = 'https://shop.example';
let tiny: TinyUpstream;
let gateway: TestService;
let send: ReturnType<typeof httpClient>;
let admin: Record<string, string>;

beforeAll(async () => {
  tiny = await startTinyUpstream();
  gateway = await startTestGateway({
    SERVICE_URLS: upstreamServices.map((name) => `${name}=${tiny.url}`).join(','),
    CORS_ORIGINS: `${shop},http://localhost:5173`,
    UPSTREAM_OVERRIDES: 'analytics.timeoutMs=300',
    ROUTE_TIMEOUTS: '/api/v1/analytics/export=2000',
  });
  send = httpClient(gateway.url);
  admin = await gateway.identity.bearer({ sub: 'admin-1', roles: ['admin'] });
});
afterAll(async () => {
  await gateway?.stop();
  await tiny?.close();
});

function expectSecurityHeaders(response: TestResponse, csp: RegExp) {
  const headers = response.headers;
  expect(headers.get('content-security-policy')).toMatch(csp);
  expect(headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  expect(headers.get('strict-transport-security')).toMatch(/^max-age=31536000; includeSubDomains/);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

describe('response headers', () => {
  it('puts the security headers on proxied answers, the gateway own answers and its errors', async () => {
    const apiPolicy = /^default-src 'none'/;
    expectSecurityHeaders(await send('GET', '/api/v1/products'), apiPolicy); // tiny sends `default-src *`
    expectSecurityHeaders(await send('GET', '/api/v1/orders'), apiPolicy); // 401 at the edge
    expectSecurityHeaders(await send('GET', '/api/v1/nothing'), apiPolicy); // 404
    expectSecurityHeaders(await send('GET', '/health/live'), apiPolicy);
  });

  it('gives Swagger UI a policy it can run under: its own scripts, never framed', async () => {
    const page = await send('GET', '/api/docs/static/index.html');
    expect(page.status).toBe(200);
    expectSecurityHeaders(page, /^default-src 'self'/);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toMatch(/script-src 'self'/);
    expect(policy).not.toMatch(/upgrade-insecure-requests/);
  });

  it('never lets internal headers or software fingerprints out, nor a client send internal headers in', async () => {
    const response = await rawRequest(`${gateway.url}/api/v1/products/p-1`, {
      headers: { 'x-internal-user': 'admin', 'x-envoy-original-path': '/internal', 'x-custom': 'kept' },
    });
    expect(response.status).toBe(200);
    for (const name of [
      'server',
      'x-powered-by',
      'x-internal-shard',
      'x-envoy-upstream-service-time',
      'access-control-allow-origin',
    ]) {
      expect(response.headers[name], name).toBeUndefined();
    }
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    const seen = JSON.parse(response.body.toString()).headers as Record<string, string>;
    expect(seen['x-internal-user']).toBeUndefined();
    expect(seen['x-envoy-original-path']).toBeUndefined();
    expect(seen['x-custom']).toBe('kept');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    send('OPTIONS', '/api/v1/orders', undefined, {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });

  it('answers the preflight of an allow-listed origin at the edge', async () => {
    const before = tiny.seen.length;
    const response = await preflight(shop);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(shop);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/Origin/i);
    const actual = await send('GET', '/api/v1/products', undefined, { origin: shop });
    expect(actual.headers.get('access-control-allow-origin')).toBe(shop);
    expect(actual.headers.get('access-control-expose-headers')).toMatch(/ratelimit-remaining/);
    expect(tiny.seen.length).toBe(before + 1);
  });

  it('refuses the preflight of any other origin, and gives its requests no CORS headers', async () => {
    const before = tiny.seen.length;
    const response = await preflight('https://evil.example');
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(tiny.seen.length).toBe(before);
    const simple = await send('GET', '/api/v1/products', undefined, { origin: 'https://evil.example' });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request limits', () => {
  it('refuses a body over 1 MB with 413 before calling the service, declared or chunked', async () => {
    const before = tiny.seen.length;
    const declared = await fetch(`${gateway.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: randomBytes(1_048_577),
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    expect(tiny.seen.length).toBe(before);

    const chunked = await rawRequest(`${gateway.url}/api/v1/carts`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      chunks: Array.from({ length: 20 }, () => randomBytes(64 * 1024)),
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body.toString()).code).toBe('PAYLOAD_TOO_LARGE');
    expect(chunked.headers.connection).toBe('close');

    const withinLimit = await fetch(`${gateway.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: randomBytes(1_000_000),
    });
    expect(withinLimit.status).toBe(200);
  });

  it('takes up to 10 MB on the product image upload route', async () => {
    const upload = await fetch(`${gateway.url}/api/v1/products/p-1/images`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/octet-stream' },
      body: randomBytes(9_000_000),
    });
    expect(upload.status).toBe(200);
    const tooLarge = await fetch(`${gateway.url}/api/v1/products/p-1/images`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/octet-stream' },
      body: randomBytes(11_000_000),
    });
    expect(tooLarge.status).toBe(413);
  });

  it('gives a route its own timeout: the export may take longer than the rest of analytics', async () => {
    const report = await send('GET', '/api/v1/analytics/sales?delay=800', undefined, admin);
    expect(report.status).toBe(504);
    expect(report.body.detail).toMatch(/300 ms/);
    const exported = await send('GET', '/api/v1/analytics/export?delay=800', undefined, admin);
    expect(exported.status).toBe(200);
  });
});
