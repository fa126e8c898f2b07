import { httpClient } from '@emporium/platform/testing/http';
import type { TestService } from '@emporium/platform/testing/start-test-service';
import { startTestService } from '@emporium/platform/testing/start-test-service';
import { registryService } from '@emporium/registry/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway } from './support/test-gateway.js';
import { startTinyUpstream, type TinyUpstream } from './support/tiny-upstream.js';

const cleanup: Array<() => Promise<unknown>> = [];
const upstreams: TinyUpstream[] = [];
let registry: TestService;

beforeAll(async () => {
  registry = await startTestService(registryService, {
    SWEEP_INTERVAL_MS: '100',
    // Lenient enough that a loaded machine does not mark a live instance down.
    HEALTH_CHECK_INTERVAL_MS: '300',
    HEALTH_CHECK_TIMEOUT_MS: '2000',
    HEALTH_CHECK_FAILURES: '3',
  });
});
afterAll(async () => {
  // Stalled calls first, or the gateways' connection pools would wait on them while closing.
  for (const instance of upstreams) instance.hang(false);
  for (const step of cleanup.reverse()) await step();
  await registry?.stop();
});

async function upstream(name: string): Promise<TinyUpstream> {
  const started = await startTinyUpstream({ name });
  upstreams.push(started);
  cleanup.push(() => started.close());
  return started;
}

const instanceOf = (response: { body: { instance?: string } }) => response.body.instance;

describe('load balancing', () => {
  it('spreads requests over every healthy instance from the registry, and keeps answering when one dies', async () => {
    const [a, b] = [await upstream('a'), await upstream('b')];
    const ops = httpClient(registry.url, await registry.identity.bearer({ sub: 'ops', roles: ['admin'] }));
    for (const instance of [a, b]) {
      const registered = await ops('POST', '/api/v1/registry/instances', {
        service: 'search',
        url: instance.url,
        leaseSeconds: 60,
      });
      expect(registered.status).toBe(201);
    }
    const gateway = await startTestGateway({ DISCOVERY: 'registry', REGISTRY_URL: registry.url });
    cleanup.push(() => gateway.stop());
    const send = httpClient(gateway.url);

    const served = async (count: number, method: 'GET' | 'POST' = 'GET') => {
      const answers: Array<{ status: number; instance: string | undefined }> = [];
      for (let i = 0; i < count; i++) {
        const response = await send(method, '/api/v1/search/clicks', method === 'POST' ? {} : undefined);
        answers.push({ status: response.status, instance: instanceOf(response) });
      }
      return answers;
    };
    await expect
      .poll(async () => new Set((await served(4)).map((answer) => answer.instance)), { timeout: 15_000 })
      .toEqual(new Set(['a', 'b']));
    // Round-robin: each of the two gets its share (exactly half while the registry's list holds still).
    const spread = await served(10);
    expect(spread.every((answer) => answer.status === 200)).toBe(true);
    expect(spread.filter((answer) => answer.instance === 'a').length).toBeGreaterThanOrEqual(3);
    expect(spread.filter((answer) => answer.instance === 'b').length).toBeGreaterThanOrEqual(3);

    await b.close();
    const reads = await served(20);
    expect(reads.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(new Set(reads.map((answer) => answer.instance))).toEqual(new Set(['a']));
    // A POST is never repeated (the instance may have acted on it): at most the first one meets the dead instance.
    const writes = await served(10, 'POST');
    expect(writes.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(9);
    expect(writes.slice(1).every((answer) => answer.status === 200)).toBe(true);
  });
});

describe('circuit breaker', () => {
  it('opens on an upstream that hangs, fails fast with 503 while open, and closes once the upstream recovers', async () => {
    const slow = await upstream('slow');
    const gateway = await startTestGateway({
      SERVICE_URLS: `recommendation=${slow.url}`,
      UPSTREAM_OVERRIDES:
        'recommendation.timeoutMs=1000,recommendation.breakerThreshold=2,recommendation.breakerHalfOpenAfterMs=1500',
    });
    cleanup.push(() => gateway.stop());
    const send = httpClient(gateway.url);
    const path = '/api/v1/recommendations/popular';
    const timed = async () => {
      const started = performance.now();
      const response = await send('GET', path);
      return { ...response, ms: performance.now() - started };
    };

    slow.hang(true);
    for (let i = 0; i < 2; i++) {
      const response = await timed();
      expect(response.status).toBe(504);
      expect(response.body.code).toBe('UPSTREAM_TIMEOUT');
    }
    const seenWhenOpened = slow.seen.length;
    for (let i = 0; i < 5; i++) {
      const response = await timed();
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect(response.headers.get('retry-after')).toBe('2');
      // Answered at once, not after the 1 s timeout (with room for a loaded machine).
      expect(response.ms).toBeLessThan(500);
    }
    expect(slow.seen.length).toBe(seenWhenOpened);

    // Half-open: one probe goes through; still hanging, it times out and the breaker opens again.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect((await timed()).status).toBe(504);
    expect((await timed()).status).toBe(503);
    expect(slow.seen.length).toBe(seenWhenOpened + 1);

    // The upstream recovers: while open, still 503; after the half-open delay, the probe succeeds and it closes.
    slow.hang(false);
    expect((await timed()).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    for (let i = 0; i < 5; i++) {
      const response = await timed();
      expect(response.status).toBe(200);
      expect(instanceOf(response)).toBe('slow');
    }
  });
});
