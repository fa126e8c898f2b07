import { inventoryService } from '@emporium/inventory/service';
import { freePort } from '@emporium/platform/db/embedded-postgres';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamServices } from '../src/routing/route-table.js';
import { gatewayService } from '../src/service.js';
import { startTinyUpstream, type TinyUpstream } from './support/tiny-upstream.js';

let inventory: TestService;
let tiny: TinyUpstream;
let stalled: TinyUpstream;
/** Some services up, one down, one stalled, several unknown. */
let partial: TestService;
/** Every service answering. */
let complete: TestService;

beforeAll(async () => {
  inventory = await startTestService(inventoryService);
  tiny = await startTinyUpstream();
  stalled = await startTinyUpstream({ readyDelayMs: 10_000 });
  const closedPort = await freePort();
  partial = await startTestService(gatewayService, {
    SERVICE_URLS: [
      `inventory=${inventory.url}`,
      `recommendation=${tiny.url}`,
      `search=${tiny.url}`,
      `config=${stalled.url}`,
      `payment=http://127.0.0.1:${closedPort}`,
    ].join(','),
    PROBE_TIMEOUT_MS: '400',
  });
  complete = await startTestService(gatewayService, {
    SERVICE_URLS: upstreamServices
      .map((name) => `${name}=${name === 'inventory' ? inventory.url : tiny.url}`)
      .join(','),
  });
});
afterAll(async () => {
  await partial?.stop();
  await complete?.stop();
  await tiny?.close();
  await stalled?.close();
  await inventory?.stop();
});

interface ServiceStatus {
  name: string;
  status: 'up' | 'down';
  latencyMs: number;
  url: string | null;
}

describe('aggregated readiness', () => {
  it('is 200 with all twelve services up when every one answers', async () => {
    const response = await httpClient(complete.url)('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ready');
    const services = response.body.services as ServiceStatus[];
    expect(services.map((s) => s.name).sort()).toEqual(['gateway', ...upstreamServices].sort());
    expect(services.every((s) => s.status === 'up' && s.latencyMs >= 0)).toBe(true);
    expect(services.find((s) => s.name === 'inventory')?.url).toBe(inventory.url);
  });

  it('is a 503 problem listing every service when any is down, within the probe timeout', async () => {
    const started = performance.now();
    const response = await httpClient(partial.url)('GET', '/health/ready');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('NOT_READY');
    const byName = new Map((response.body.services as ServiceStatus[]).map((s) => [s.name, s]));
    expect(byName.size).toBe(12);
    expect(byName.get('gateway')).toMatchObject({ status: 'up' });
    expect(byName.get('inventory')).toMatchObject({ status: 'up', url: inventory.url });
    expect(byName.get('search')).toMatchObject({ status: 'up', url: tiny.url });
    expect(byName.get('payment')).toMatchObject({ status: 'down' });
    expect(byName.get('config')).toMatchObject({ status: 'down', url: stalled.url });
    expect(byName.get('config')!.latencyMs).toBeGreaterThanOrEqual(350);
    expect(byName.get('user')).toMatchObject({ status: 'down', url: null });
  });

  it('keeps /health/live the gateway own', async () => {
    const response = await httpClient(partial.url)('GET', '/health/live');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});

describe('merged API docs', () => {
  it('merges every reachable service document: paths as they are, tags and components prefixed', async () => {
    const response = await httpClient(partial.url)('GET', '/api/docs/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/warehouses'].get.tags).toEqual(['inventory/warehouses']);
    expect(doc.paths['/api/v1/inventory/{sku}/warehouses/{warehouseId}'].put.tags).toEqual([
      'inventory/inventory',
    ]);
    const recommendations = doc.paths['/api/v1/recommendations/me'].get;
    expect(recommendations.tags).toEqual(['recommendation/recommendations']);
    expect(recommendations.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/recommendation.Recommendation',
    );
    expect(doc.components.schemas['recommendation.Recommendation']).toBeDefined();
    expect(doc.tags).toContainEqual({
      name: 'recommendation/recommendations',
      description: 'What to show next',
    });
    // Services' own operational routes are not the public API; the gateway's are.
    expect(doc.paths['/health/live'].get.tags).toEqual(['gateway/operations']);
    expect(doc.paths['/health/ready'].get.tags).toEqual(['gateway/operations']);
  });

  it('lists services that are down as unavailable instead of failing', async () => {
    const doc = (await httpClient(partial.url)('GET', '/api/docs/openapi.json')).body;
    const byName = new Map(
      (doc['x-emporium-services'] as Array<{ name: string; status: string }>).map((s) => [s.name, s.status]),
    );
    expect(byName.get('inventory')).toBe('available');
    expect(byName.get('payment')).toBe('unavailable');
    expect(byName.get('user')).toBe('unavailable');
    expect(doc.info.description).toMatch(/Unavailable right now: .*payment/);
  });

  it('serves Swagger UI over the merged document', async () => {
    const send = httpClient(partial.url);
    const page = await send('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('swagger-ui');
    const uiDocument = await send('GET', '/api/docs/json');
    expect(uiDocument.status).toBe(200);
    expect(Object.keys(uiDocument.body.paths)).toContain('/api/v1/warehouses');
    expect((await send('GET', '/api/docs/static/swagger-ui-bundle.js')).status).toBe(200);
  });
});
