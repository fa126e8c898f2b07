import { httpClient } from '@emporium/platform/testing/http';
import { type ReplicableTestService, startTestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryService } from '../src/service.js';
import { type HttpInstance, startHttpInstance } from './fixtures/http-instance.js';

let registry: ReplicableTestService;
let send: ReturnType<typeof httpClient>;
const instances: HttpInstance[] = [];

// Fast timings so leases, sweeps and checks happen within a test.
const timings = {
  SWEEP_INTERVAL_MS: '100',
  HEALTH_CHECK_INTERVAL_MS: '200',
  HEALTH_CHECK_TIMEOUT_MS: '300',
  HEALTH_CHECK_FAILURES: '2',
};

async function instance(): Promise<HttpInstance> {
  const started = await startHttpInstance();
  instances.push(started);
  return started;
}

const upUrls = async (service: string) =>
  (await send('GET', `/api/v1/registry/services/${service}/instances`)).body.items.map(
    (i: { url: string }) => i.url,
  );

beforeAll(async () => {
  registry = await startTestService(registryService, timings);
  send = httpClient(registry.url);
});
afterAll(async () => {
  await registry?.stop();
  await Promise.all(instances.map((i) => i.close()));
});

describe(`registry service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('registers an instance, lists it once its health check passes, and counts it per service', async () => {
    const a = await instance();
    const registered = await send('POST', '/api/v1/registry/instances', {
      service: 'catalog',
      url: `${a.url}/`,
      metadata: { version: '1.2.0', zone: 'eu-1' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ leaseSeconds: 10, heartbeatIntervalSeconds: 3.3 });

    await expect.poll(() => upUrls('catalog'), { timeout: 3_000 }).toEqual([a.url]);
    const listed = (await send('GET', '/api/v1/registry/services/catalog/instances')).body.items[0];
    expect(listed).toMatchObject({ id: registered.body.id, status: 'up', metadata: { zone: 'eu-1' } });
    const services = (await send('GET', '/api/v1/registry/services')).body.items;
    expect(services).toContainEqual({ name: 'catalog', up: 1, total: 1 });
  });

  it('renews a lease on heartbeat and answers 404 for an unknown instance', async () => {
    const a = await instance();
    const { id } = (await send('POST', '/api/v1/registry/instances', { service: 'beats', url: a.url })).body;
    const before = Date.now();
    const beat = await send('PUT', `/api/v1/registry/instances/${id}/heartbeat`);
    expect(beat.status).toBe(200);
    // Renewed from the heartbeat on: a full lease ahead of the moment it was sent (millisecond timestamps).
    expect(Date.parse(beat.body.expiresAt)).toBeGreaterThanOrEqual(before + 10_000 - 1);
    const unknown = await send(
      'PUT',
      '/api/v1/registry/instances/0190c6a2-1111-7000-8000-000000000000/heartbeat',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('INSTANCE_NOT_FOUND');
  });

  it('expires an instance whose heartbeats stop, and its late heartbeat gets 404', async () => {
    const a = await instance();
    const { id } = (
      await send('POST', '/api/v1/registry/instances', { service: 'mortal', url: a.url, leaseSeconds: 1 })
    ).body;
    await expect.poll(() => upUrls('mortal'), { timeout: 2_000 }).toEqual([a.url]);
    await expect.poll(() => upUrls('mortal'), { timeout: 3_000 }).toEqual([]);
    // The sweeper then removes the row itself.
    const registered = async () =>
      (await send('GET', '/api/v1/registry/instances?service=mortal')).body.items;
    await expect.poll(registered, { timeout: 1_000 }).toEqual([]);
    expect((await send('PUT', `/api/v1/registry/instances/${id}/heartbeat`)).status).toBe(404);
  });

  it('marks an instance down after consecutive failed checks and up again when it recovers', async () => {
    const a = await instance();
    const { id } = (await send('POST', '/api/v1/registry/instances', { service: 'flaky', url: a.url })).body;
    await expect.poll(() => upUrls('flaky'), { timeout: 2_000 }).toEqual([a.url]);

    a.setReady(false);
    await expect.poll(() => upUrls('flaky'), { timeout: 3_000 }).toEqual([]);
    const [detail] = (await send('GET', '/api/v1/registry/instances?service=flaky')).body.items;
    expect(detail).toMatchObject({ id, status: 'down', lastCheckError: '/health/ready answered 503' });

    a.setReady(true);
    await expect.poll(() => upUrls('flaky'), { timeout: 3_000 }).toEqual([a.url]);
  });

  it('replaces the lease of an instance that registers again at the same address', async () => {
    const a = await instance();
    const first = (await send('POST', '/api/v1/registry/instances', { service: 'restarts', url: a.url }))
      .body;
    const second = (await send('POST', '/api/v1/registry/instances', { service: 'restarts', url: a.url }))
      .body;
    expect(second.id).not.toBe(first.id);
    const all = (await send('GET', '/api/v1/registry/instances?service=restarts')).body.items;
    expect(all.map((i: { id: string }) => i.id)).toEqual([second.id]);
    expect((await send('PUT', `/api/v1/registry/instances/${first.id}/heartbeat`)).status).toBe(404);
  });

  it('deregisters an instance at once', async () => {
    const a = await instance();
    const { id } = (await send('POST', '/api/v1/registry/instances', { service: 'leaving', url: a.url }))
      .body;
    await expect.poll(() => upUrls('leaving'), { timeout: 2_000 }).toEqual([a.url]);
    expect((await send('DELETE', `/api/v1/registry/instances/${id}`)).status).toBe(204);
    expect(await upUrls('leaving')).toEqual([]);
    expect((await send('DELETE', `/api/v1/registry/instances/${id}`)).body.code).toBe('INSTANCE_NOT_FOUND');
  });

  it('pages through instances with a keyset cursor', async () => {
    const urls: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = await instance();
      urls.push(started.url);
      await send('POST', '/api/v1/registry/instances', { service: 'paged', url: started.url });
    }
    await expect.poll(async () => (await upUrls('paged')).length, { timeout: 3_000 }).toBe(3);
    const first = (await send('GET', '/api/v1/registry/services/paged/instances?limit=2')).body;
    expect(first.items).toHaveLength(2);
    const second = (
      await send('GET', `/api/v1/registry/services/paged/instances?limit=2&cursor=${first.nextCursor}`)
    ).body;
    expect(second).toMatchObject({ nextCursor: null });
    expect([...first.items, ...second.items].map((i: { url: string }) => i.url).sort()).toEqual(urls.sort());
    const bad = await send('GET', '/api/v1/registry/services/paged/instances?cursor=bm9wZQ');
    expect(bad.status).toBe(400);
  });

  it('refuses bad registrations with problem+json', async () => {
    const cases = [
      { service: 'Bad Name', url: 'http://127.0.0.1:1' },
      { service: 'ok', url: 'ftp://127.0.0.1:1' },
      { service: 'ok', url: 'http://127.0.0.1:1', leaseSeconds: 0 },
      { service: 'ok', url: 'http://127.0.0.1:1', metadata: { zone: { nested: true } } },
      { service: 'ok', url: 'http://127.0.0.1:1', extra: true },
    ];
    for (const body of cases) {
      const response = await send('POST', '/api/v1/registry/instances', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await send('PUT', '/api/v1/registry/instances/not-a-uuid/heartbeat')).status).toBe(400);
  });

  it('shares its state with a second replica on the same database, both sweeping and checking', async () => {
    const replica = await registry.startReplica({ DATABASE_POOL_MAX: '3' });
    try {
      const sendReplica = httpClient(replica.url);
      const a = await instance();
      const b = await instance();
      const { id } = (
        await send('POST', '/api/v1/registry/instances', { service: 'shared', url: a.url, leaseSeconds: 1 })
      ).body;
      await sendReplica('POST', '/api/v1/registry/instances', {
        service: 'shared',
        url: b.url,
        leaseSeconds: 30,
      });
      const fromReplica = async () =>
        (await sendReplica('GET', '/api/v1/registry/services/shared/instances')).body.items
          .map((i: { url: string }) => i.url)
          .sort();
      await expect.poll(fromReplica, { timeout: 2_000 }).toEqual([a.url, b.url].sort());
      // Heartbeats for the instance registered on the first replica land on the second.
      for (let i = 0; i < 4; i += 1) {
        expect((await sendReplica('PUT', `/api/v1/registry/instances/${id}/heartbeat`)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      expect(await fromReplica()).toEqual([a.url, b.url].sort());
      // Then they stop: whichever replica sweeps first removes it, the other finds nothing to do.
      await expect.poll(fromReplica, { timeout: 3_000 }).toEqual([b.url]);
      expect(await upUrls('shared')).toEqual([b.url]);
    } finally {
      await replica.close();
    }
  });

  it('exposes its metrics', async () => {
    const metrics = (await send('GET', '/metrics')).text;
    expect(metrics).toMatch(/registry_health_checks_total\{[^}]*result="passed"/);
    expect(metrics).toMatch(/registry_leases_expired_total\{[^}]*service="mortal"/);
  });
});
