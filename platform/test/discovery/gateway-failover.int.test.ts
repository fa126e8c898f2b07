import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/test-database.js';
import { createTestIdentity, type TestIdentity } from '../../src/testing/test-identity.js';
import { type ServiceProcess, startServiceProcess } from './support/service-process.js';

/**
 * The failover test, through the real pieces of the distributed
 * mode: the registry, the gateway and two instances of the config
 * service each run as their own process (`services/<name>/src/main.ts`), the
 * instances register themselves, the gateway discovers them through the
 * registry. One instance is killed with SIGKILL (no deregistration, no
 * drain) while clients keep calling the gateway. On PGlite by default; on
 * PostgreSQL when DATABASE_URL is set.
 */
/**
 * The upstream: the config service, which needs no event broker, so its
 * instances run as plain processes here as on the real servers. Reading a
 * document through the gateway takes an admin token (config:write at the edge).
 */
const route = '/api/v1/config/gateway/development';
const routePattern = '/api/v1/config/:service/:profile';
let asAdmin: Record<string, string> = {};
/**
 * Concurrent callers, each calling again 5 ms after an answer: at the kill,
 * more calls are in flight on the dying instance than the gateway's breaker
 * threshold (5), as with any real traffic. Their failures are allowed; a
 * breaker that then pauses the whole service (it has a healthy instance) is not.
 */
const clients = 16;

let database: TestDatabase;
let identity: TestIdentity;
const processes: ServiceProcess[] = [];

async function start(service: string, env: Record<string, string>): Promise<ServiceProcess> {
  const started = await startServiceProcess(service, env);
  processes.push(started);
  return started;
}

/** Requests this instance has answered on `route` with a 200, from its own /metrics. */
async function servedBy(instance: ServiceProcess): Promise<number> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('http_request_duration_seconds_count{') &&
        l.includes(`route="${routePattern}"`) &&
        l.includes('status_code="200"'),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

async function upInstances(registryUrl: string): Promise<string[]> {
  const response = await fetch(`${registryUrl}/api/v1/registry/services/config/instances`);
  const body = (await response.json()) as { items: Array<{ url: string }> };
  return body.items.map((item) => item.url).sort();
}

interface Call {
  startedAt: number;
  endedAt: number;
  ok: boolean;
  detail: string;
}

/** `clients` callers in a loop through the gateway until `stop()` (5 ms between calls); every call recorded. */
function steadyTraffic(gatewayUrl: string) {
  const calls: Call[] = [];
  let running = true;
  const worker = async () => {
    while (running) {
      const startedAt = Date.now();
      let ok = false;
      let detail = '';
      try {
        const response = await fetch(`${gatewayUrl}${route}`, {
          headers: asAdmin,
          signal: AbortSignal.timeout(5_000),
        });
        const text = await response.text();
        ok = response.status === 200;
        detail = ok ? '' : `${response.status} ${text}`;
      } catch (error) {
        detail = String((error as Error).cause ?? error);
      }
      calls.push({ startedAt, endedAt: Date.now(), ok, detail });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const workers = Array.from({ length: clients }, worker);
  return {
    calls,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

/**
 * Listens on the dead instance's address and counts the connections anyone
 * still opens there (and drops them): a caller that still routes to the dead
 * instance shows up here, and its request fails.
 */
async function tombstone(url: string): Promise<{ knocks: () => number; close: () => Promise<void> }> {
  let knocks = 0;
  const server: Server = createServer((socket) => {
    knocks += 1;
    socket.destroy();
  });
  const { hostname, port } = new URL(url);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), hostname, resolve);
  });
  return { knocks: () => knocks, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  identity = await createTestIdentity();
  asAdmin = await identity.bearer({ sub: 'ops-1', roles: ['admin'] });
}, 60_000);

afterAll(async () => {
  for (const started of processes.reverse()) await started.kill();
  await identity?.close();
  await database?.drop();
});

describe('gateway failover through the registry', () => {
  it('stops sending traffic to an instance killed with SIGKILL within 10 s, failing only calls in flight', async () => {
    const common = {
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '3',
      JWKS_URL: identity.jwksUrl,
    };
    // The registry with its shipped defaults: 10 s leases, health checks every 2 s, down after 3 failures.
    const registryPort = await freePort();
    const registry = await start('registry', { ...common, PORT: String(registryPort) });
    const discovery = { DISCOVERY: 'registry', REGISTRY_URL: registry.url };

    const replica = async () => {
      const port = await freePort();
      return start('config', {
        ...common,
        ...discovery,
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      });
    };
    // One after the other: the first migrates the shared schema, as a migration job would.
    const survivor = await replica();
    const doomed = await replica();
    await expect
      .poll(() => upInstances(registry.url), { timeout: 15_000, interval: 200 })
      .toEqual([survivor.url, doomed.url].sort());

    const gatewayPort = await freePort();
    const gateway = await start('gateway', {
      ...discovery,
      PORT: String(gatewayPort),
      JWKS_URL: identity.jwksUrl,
      PUBLIC_URL: `http://127.0.0.1:${gatewayPort}`,
      // The test's clients all come from one address: this measures failover, not the edge limiter.
      RATE_LIMITS: 'anonymous=1000000/60s,user=1000000/60s',
    });

    const traffic = steadyTraffic(gateway.url);
    // Both instances take a share of the traffic before the kill.
    await expect
      .poll(async () => Math.min(await servedBy(survivor), await servedBy(doomed)), {
        timeout: 15_000,
        interval: 200,
      })
      .toBeGreaterThanOrEqual(10);
    const beforeKill = traffic.calls.length;
    expect(traffic.calls.filter((call) => !call.ok)).toEqual([]);

    await doomed.kill();
    // The process is gone from here on; calls started before may have been on their way to it.
    const killedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 10_000));

    // From 10 s after the kill on, every call goes to the survivor: it counts each one itself, and
    // nothing knocks on the dead address, for longer than the gateway's 5 s skip of a failed instance.
    await traffic.stop();
    const servedBefore = await servedBy(survivor);
    const grave = await tombstone(doomed.url);
    const after = steadyTraffic(gateway.url);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await after.stop();
    await grave.close();
    const servedAfter = await servedBy(survivor);

    const failed = traffic.calls.filter((call) => !call.ok);
    // The only failures allowed: calls that were already in flight when the instance died.
    expect(failed.filter((call) => call.startedAt > killedAt)).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(clients);
    expect(traffic.calls.length - beforeKill).toBeGreaterThan(40);

    expect(grave.knocks()).toBe(0);
    expect(after.calls.length).toBeGreaterThan(20);
    expect(after.calls.filter((call) => !call.ok)).toEqual([]);
    expect(servedAfter - servedBefore).toBe(after.calls.length);
    expect(await upInstances(registry.url)).toEqual([survivor.url]);
  }, 180_000);
});
