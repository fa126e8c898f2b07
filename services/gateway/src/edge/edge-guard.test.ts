import type { ApiKeyVerifier, Verifiers } from '@emporium/platform/auth/auth-hooks';
import type { Principal } from '@emporium/platform/auth/principal';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import { platformErrors } from '@emporium/platform/http/errors';
import { createLogger } from '@emporium/platform/log/logger';
import { createMetrics } from '@emporium/platform/metrics/metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { edgeGuard } from './edge-guard.js';
import { bootRateLimits } from './rate-limit-settings.js';
import { createRateLimiter } from './rate-limiter.js';

const logger = createLogger({ service: 'gateway-test', version: 'test', level: 'silent' });
const customer: Principal = { kind: 'user', subject: 'u-1', roles: ['customer'], permissions: [] };
const partner: Principal = { kind: 'api-key', subject: 'k-1', roles: [], permissions: ['products:write'] };

/** Verifiers with known answers, standing for the JWT verifier and the user service's API key check. */
const jwt = (async (token: string) => {
  if (token === 'customer-token') return customer;
  throw new Error('signature verification failed');
}) as Verifiers['jwt'];
const apiKey: ApiKeyVerifier = async (key) => {
  if (key === 'key-1') return partner;
  if (key === 'key-unreachable')
    throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  throw platformErrors.UNAUTHENTICATED('unknown API key');
};

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The guard in front of a route that reports who passed. */
async function guarded(verifiers: Verifiers, rateLimits?: string): Promise<HttpApp> {
  app = await createHttpApp({
    service: 'gateway',
    version: 'test',
    logger,
    metrics: createMetrics('gateway'),
    readiness: [],
  });
  const limiter = rateLimits
    ? await createRateLimiter(app, { limits: bootRateLimits(rateLimits), keyPrefix: 't:', logger })
    : undefined;
  await app.register(async (scope) => {
    scope.decorateRequest('principal', undefined);
    scope.addHook('onRequest', edgeGuard({ verifiers, limiter, trustProxyHops: 0 }));
    scope.all('/*', async (request) => ({ subject: request.principal?.subject ?? null }));
  });
  return app;
}

const call = (target: HttpApp, method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}) =>
  target.inject({ method, url, headers, remoteAddress: '203.0.113.7' });

describe('edge guard', () => {
  it('admits an API key with its scopes, and counts it apart from users and addresses', async () => {
    const target = await guarded({ jwt, apiKey }, 'apiKey=2/60s,user=5/60s,anonymous=5/60s');
    for (const remaining of ['1', '0']) {
      const passed = await call(target, 'POST', '/api/v1/products', { 'x-api-key': 'key-1' });
      expect(passed.statusCode).toBe(200);
      expect(passed.json()).toEqual({ subject: 'k-1' });
      expect(passed.headers['ratelimit-remaining']).toBe(remaining);
    }
    const limited = await call(target, 'POST', '/api/v1/products', { 'x-api-key': 'key-1' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(
      (await call(target, 'GET', '/api/v1/orders', { authorization: 'Bearer customer-token' })).statusCode,
    ).toBe(200);
    expect((await call(target, 'GET', '/api/v1/products')).statusCode).toBe(200);
  });

  it('refuses an unknown API key (401), cannot check one while the user service is away (503)', async () => {
    const target = await guarded({ jwt, apiKey });
    const unknown = await call(target, 'GET', '/api/v1/products', { 'x-api-key': 'key-2' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'unknown API key' });
    const away = await call(target, 'GET', '/api/v1/products', { 'x-api-key': 'key-unreachable' });
    expect(away.statusCode).toBe(503);
    expect(away.json().code).toBe('DEPENDENCY_UNAVAILABLE');
  });

  it('refuses API keys where no verifier is configured, and prefers the bearer token when both come', async () => {
    const target = await guarded({ jwt });
    expect((await call(target, 'GET', '/api/v1/products', { 'x-api-key': 'key-1' })).statusCode).toBe(401);
    const both = await call(target, 'GET', '/api/v1/orders', {
      authorization: 'Bearer customer-token',
      'x-api-key': 'key-1',
    });
    expect(both.json()).toEqual({ subject: 'u-1' });
  });

  it('counts bad credentials against the address, so guessing ends in 429', async () => {
    const target = await guarded({ jwt, apiKey }, 'anonymous=2/60s');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await call(target, 'GET', '/api/v1/products', { 'x-api-key': `guess-${i}` })).statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 429]);
    expect((await call(target, 'GET', '/api/v1/products')).statusCode).toBe(429);
  });

  it('counts the sign-in routes by address even for a signed-in caller, apart from the rest', async () => {
    const target = await guarded({ jwt, apiKey }, 'auth=1/60s,user=5/60s');
    const bearer = { authorization: 'Bearer customer-token' };
    expect((await call(target, 'POST', '/api/v1/auth/login', bearer)).statusCode).toBe(200);
    const limited = await call(target, 'POST', '/api/v1/auth/refresh', bearer);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['ratelimit-policy']).toBe('1;w=60');
    expect((await call(target, 'GET', '/api/v1/orders', bearer)).statusCode).toBe(200);
  });

  it('refuses internal routes to everyone, whatever their scopes', async () => {
    const target = await guarded({ jwt, apiKey });
    const internal = await call(target, 'POST', '/api/v1/registry/instances', { 'x-api-key': 'key-1' });
    expect(internal.statusCode).toBe(403);
    expect(internal.json().code).toBe('FORBIDDEN');
  });
});
