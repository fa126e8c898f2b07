import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { configService } from '@emporium/config/service';
import { httpClient, type TestResponse } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamServices } from '../src/routing/route-table.js';
import { startTestGateway } from './support/test-gateway.js';
import { startTinyUpstream, type TinyUpstream } from './support/tiny-upstream.js';

const repositoryConfig = join(import.meta.dirname, '../../../config');
let tiny: TinyUpstream;
let config: TestService;
let gateway: TestService;
let serviceUrls: string;
const cleanup: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  tiny = await startTinyUpstream();
  // The config service seeds the repository's documents: config/development/gateway.yaml included.
  config = await startTestService(configService, { EMPORIUM_CONFIG_DIR: repositoryConfig });
  serviceUrls = upstreamServices
    .map((name) => `${name}=${name === 'config' ? config.url : tiny.url}`)
    .join(',');
  gateway = await startTestGateway({
    SERVICE_URLS: serviceUrls,
    RATE_LIMITS: 'anonymous=3/60s,user=4/60s,auth=2/60s',
  });
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  await gateway?.stop();
  await config?.stop();
  await tiny?.close();
});

function expectLimitHeaders(response: TestResponse, limit: number, remaining: number) {
  expect(response.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(response.headers.get('ratelimit-remaining')).toBe(String(remaining));
  const reset = Number(response.headers.get('ratelimit-reset'));
  expect(reset).toBeGreaterThan(0);
  expect(reset).toBeLessThanOrEqual(60);
}

describe('rate limits', () => {
  it('count an anonymous caller by address: RateLimit-* on every answer, then 429 with Retry-After', async () => {
    const send = httpClient(gateway.url);
    for (const remaining of [2, 1, 0]) {
      const response = await send('GET', '/api/v1/products');
      expect(response.status).toBe(200);
      expectLimitHeaders(response, 3, remaining);
      expect(response.headers.get('ratelimit-policy')).toBe('3;w=60');
    }
    const before = tiny.seen.length;
    const limited = await send('GET', '/api/v1/products');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expectLimitHeaders(limited, 3, 0);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Refused at the edge: the service never saw it.
    expect(tiny.seen.length).toBe(before);
  });

  it('count a signed-in user by their token subject, apart from their address and other users', async () => {
    const as = async (sub: string) =>
      httpClient(gateway.url, await gateway.identity.bearer({ sub, roles: ['customer'] }));
    const alice = await as('alice');
    for (const remaining of [3, 2, 1, 0]) {
      const response = await alice('GET', '/api/v1/orders');
      expect(response.status).toBe(200);
      expectLimitHeaders(response, 4, remaining);
    }
    const limited = await alice('GET', '/api/v1/users/me');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    // A new token for the same subject is the same user; another user has a budget of their own.
    expect((await (await as('alice'))('GET', '/api/v1/orders')).status).toBe(429);
    expect((await (await as('bob'))('GET', '/api/v1/orders')).status).toBe(200);
  });

  it('are stricter on the sign-in routes, counted by address apart from the rest', async () => {
    const send = httpClient(gateway.url);
    // This address spent its anonymous budget above; the sign-in routes count apart.
    expect((await send('POST', '/api/v1/auth/login', { email: 'a@b.c', password: 'x' })).status).toBe(200);
    const second = await send('POST', '/api/v1/auth/password-reset', { email: 'a@b.c' });
    expect(second.status).toBe(200);
    expectLimitHeaders(second, 2, 0);
    const limited = await send('POST', '/api/v1/auth/register', { email: 'a@b.c' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('change live through the config service, and go back to the boot limits when the key goes', async () => {
    const live = await startTestGateway({
      SERVICE_URLS: serviceUrls,
      LIVE_CONFIG: 'true',
      RATE_LIMITS: 'anonymous=1000/60s',
    });
    cleanup.push(() => live.stop());
    const send = httpClient(live.url);
    const limitNow = async () => (await send('GET', '/api/v1/products')).headers.get('ratelimit-limit');
    // First the development profile's runtime section, seeded from config/development/gateway.yaml.
    await expect.poll(limitNow, { timeout: 15_000 }).toBe('6000');

    const admin = httpClient(config.url, await config.identity.bearer({ sub: 'ops', roles: ['admin'] }));
    const current = (await admin('GET', '/api/v1/config/gateway/development')).body;
    const put = (runtime: Record<string, unknown>) =>
      admin('PUT', '/api/v1/config/gateway/development', { settings: current.settings, runtime });
    expect((await put({ rateLimits: { anonymous: { limit: 2, windowSeconds: 60 } } })).status).toBe(200);
    await expect.poll(limitNow, { timeout: 15_000 }).toBe('2');
    const limited = await send('GET', '/api/v1/products');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-limit')).toBe('2');

    // A document that does not validate leaves the limits in force.
    expect((await put({ rateLimits: { anonymous: { limit: 0 } } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await send('GET', '/api/v1/products')).headers.get('ratelimit-limit')).toBe('2');

    expect((await put({})).status).toBe(200);
    await expect.poll(limitNow, { timeout: 15_000 }).toBe('1000');
    expect((await send('GET', '/api/v1/products')).status).toBe(200);
  });

  it(`are shared by replicas ${process.env.REDIS_URL ? 'through Redis' : 'only with Redis (each counts alone here)'}`, async () => {
    const shared = {
      SERVICE_URLS: serviceUrls,
      RATE_LIMITS: 'anonymous=4/60s',
      RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}:`,
    };
    const [a, b] = [await startTestGateway(shared), await startTestGateway(shared)];
    cleanup.push(
      () => a.stop(),
      () => b.stop(),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await httpClient((i % 2 === 0 ? a : b).url)('GET', '/api/v1/products')).status);
    }
    const passed = statuses.filter((status) => status === 200).length;
    expect(passed).toBe(process.env.REDIS_URL ? 4 : 8);
  });
});
