import type { AddressInfo } from 'node:net';
import { createHttpApp, type HttpApp } from '@emporium/platform/http/create-http-app';
import { createLogger } from '@emporium/platform/log/logger';
import { createMetrics } from '@emporium/platform/metrics/metrics';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyticsUnderTest, startAnalytics } from './support/start-analytics.js';

let analytics: AnalyticsUnderTest;
let admin: ReturnType<typeof httpClient>;
let target: HttpApp;
let targetUrl: string;

/** Another platform service, as every Emporium service is built: real RED metrics on /metrics. */
async function startTarget(): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'target',
    version: '0',
    description: 'a scrape target',
    logger: createLogger({ service: 'target', version: '0', level: 'silent' }),
    metrics: createMetrics('target'),
    readiness: [],
  });
  app.get('/api/v1/ok', async () => ({ ok: true }));
  app.get('/api/v1/boom', async () => {
    throw new Error('boom');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

beforeAll(async () => {
  target = await startTarget();
  targetUrl = `http://127.0.0.1:${(target.server.address() as AddressInfo).port}`;
  analytics = await startAnalytics({
    SERVICE_URLS: `target=${targetUrl},ghost=http://127.0.0.1:9`,
    PERFORMANCE_SERVICES: 'target,ghost,nowhere',
    PERFORMANCE_SCRAPE_TIMEOUT_MS: '1000',
  });
  admin = httpClient(analytics.url, await analytics.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
});
afterAll(async () => {
  await analytics?.stop();
  await target?.close();
});

describe('service performance from scraped /metrics', () => {
  it('summarises request rate, error rate and p95 per service, and who could not be scraped', async () => {
    expect((await admin('POST', '/api/v1/analytics/performance/scrapes')).body).toEqual({
      scraped: 1,
      failed: 2,
    });
    const call = httpClient(targetUrl);
    for (let i = 0; i < 15; i++) await call('GET', '/api/v1/ok');
    for (let i = 0; i < 5; i++) await call('GET', '/api/v1/boom');
    for (let i = 0; i < 3; i++) await call('GET', '/health/live');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await admin('POST', '/api/v1/analytics/performance/scrapes')).body).toEqual({
      scraped: 1,
      failed: 2,
    });

    const report = (await admin('GET', '/api/v1/analytics/performance?windowMinutes=5')).body;
    const [scraped, ghost, nowhere] = report.services;
    // Probes and scrapes are not traffic: 20 calls, 5 of them answered 500.
    expect(scraped).toMatchObject({
      service: 'target',
      up: true,
      lastError: null,
      requests: 20,
      errorRate: 0.25,
    });
    expect(scraped.requestsPerSecond).toBeGreaterThan(0);
    expect(scraped.p95Ms).toBeGreaterThan(0);
    expect(scraped.p95Ms).toBeLessThanOrEqual(10_000);
    expect(ghost).toMatchObject({
      service: 'ghost',
      up: false,
      requests: 0,
      requestsPerSecond: null,
      p95Ms: null,
    });
    expect(ghost.lastError).toEqual(expect.any(String));
    expect(nowhere).toMatchObject({ service: 'nowhere', up: false });
    expect(nowhere.lastError).toMatch(/no known instance/);
  });

  it('needs analytics:read to scrape or read', async () => {
    const customer = httpClient(
      analytics.url,
      await analytics.identity.bearer({ sub: 'u-1', roles: ['customer'] }),
    );
    expect((await customer('POST', '/api/v1/analytics/performance/scrapes')).status).toBe(403);
    expect((await customer('GET', '/api/v1/analytics/performance')).status).toBe(403);
  });
});
