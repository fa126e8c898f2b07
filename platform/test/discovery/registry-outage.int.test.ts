import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/test-database.js';
import { createTestIdentity, type TestIdentity } from '../../src/testing/test-identity.js';
import { startTcpProxy } from '../events/support/tcp-proxy.js';
import { type ServiceProcess, startServiceProcess } from './support/service-process.js';
import { waitUntil } from './support/wait-until.js';

/**
 * The registry goes down for longer than a lease while the platform keeps
 * serving (its process killed with SIGKILL, then its database cut off), and
 * comes back. Callers keep their last known instances meanwhile
 * (docs/runbooks/discovery.md), and the registry must not answer empty lists
 * when it returns just because nobody could heartbeat while it was away.
 * Everything runs as its own process with the shipped defaults (10 s
 * leases); the registry reaches its database through a proxy the test can cut.
 */
/**
 * The upstream: the config service, which needs no event broker, so its
 * instances run as plain processes here as on the real servers. Reading a
 * document through the gateway takes an admin token (config:write at the edge).
 */
const route = '/api/v1/config/gateway/development';
let asAdmin: Record<string, string> = {};

const outageMs = 12_000; // longer than the 10 s lease
let database: TestDatabase;
let databaseProxy: Awaited<ReturnType<typeof startTcpProxy>>;
let identity: TestIdentity;
let registryEnv: Record<string, string>;
let registry: ServiceProcess;
let instance: ServiceProcess;
let gateway: ServiceProcess;
const processes: ServiceProcess[] = [];

async function start(service: string, env: Record<string, string>): Promise<ServiceProcess> {
  const started = await startServiceProcess(service, env);
  processes.push(started);
  return started;
}

async function listed(registryUrl: string): Promise<string[] | 'unreachable'> {
  try {
    const response = await fetch(`${registryUrl}/api/v1/registry/services/config/instances`, {
      signal: AbortSignal.timeout(1_000),
    });
    if (!response.ok) return 'unreachable';
    return ((await response.json()) as { items: Array<{ url: string }> }).items.map((item) => item.url);
  } catch {
    return 'unreachable';
  }
}

/** Calls through the gateway every ~30 ms, and looks at the registry's list every ~20 ms. */
function observe(gatewayUrl: string, registryUrl: string) {
  const failures: Array<{ at: number; detail: string }> = [];
  const lists: Array<{ at: number; urls: string[] | 'unreachable' }> = [];
  let calls = 0;
  let running = true;
  const caller = (async () => {
    while (running) {
      try {
        const response = await fetch(`${gatewayUrl}${route}`, {
          headers: asAdmin,
          signal: AbortSignal.timeout(5_000),
        });
        const text = await response.text();
        if (response.status !== 200) failures.push({ at: Date.now(), detail: `${response.status} ${text}` });
      } catch (error) {
        failures.push({ at: Date.now(), detail: String(error) });
      }
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  })();
  const watcher = (async () => {
    while (running) {
      lists.push({ at: Date.now(), urls: await listed(registryUrl) });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    failures,
    lists,
    calls: () => calls,
    async stop() {
      running = false;
      await Promise.all([caller, watcher]);
    },
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  identity = await createTestIdentity();
  asAdmin = await identity.bearer({ sub: 'ops-1', roles: ['admin'] });
  const direct = new URL(database.url);
  databaseProxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port) });
  const proxied = new URL(database.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(databaseProxy.port);

  const common = { DATABASE_URL: database.url, DATABASE_POOL_MAX: '3', JWKS_URL: identity.jwksUrl };
  registryEnv = { ...common, DATABASE_URL: proxied.toString(), PORT: String(await freePort()) };
  registry = await start('registry', registryEnv);
  const discovery = { DISCOVERY: 'registry', REGISTRY_URL: registry.url };
  const instancePort = await freePort();
  instance = await start('config', {
    ...common,
    ...discovery,
    PORT: String(instancePort),
    PUBLIC_URL: `http://127.0.0.1:${instancePort}`,
  });
  await waitUntil(
    'the instance to be listed',
    () => listed(registry.url),
    (urls) => Array.isArray(urls) && urls.length === 1 && urls[0] === instance.url,
    15_000,
  );
  gateway = await start('gateway', {
    ...discovery,
    PORT: String(await freePort()),
    JWKS_URL: identity.jwksUrl,
    RATE_LIMITS: 'anonymous=1000000/60s,user=1000000/60s',
  });
  await waitUntil(
    'the gateway to reach the instance',
    async () => (await fetch(`${gateway.url}${route}`, { headers: asAdmin })).status,
    (status) => status === 200,
    10_000,
  );
}, 120_000);

afterAll(async () => {
  for (const started of processes.reverse()) await started.kill();
  await databaseProxy?.close();
  await identity?.close();
  await database?.drop();
});

/** Runs `outage` (which returns once the registry is back), watching traffic and the registry's lists. */
async function throughOutage(outage: () => Promise<void>) {
  const seen = observe(gateway.url, registry.url);
  await outage();
  const returnedAt = Date.now();
  const callsDuringOutage = seen.calls();
  const failuresDuringOutage = [...seen.failures];
  await new Promise((resolve) => setTimeout(resolve, 8_000));
  await seen.stop();

  expect(callsDuringOutage).toBeGreaterThanOrEqual(10);
  expect(failuresDuringOutage).toEqual([]);
  expect(seen.calls() - callsDuringOutage).toBeGreaterThanOrEqual(10);
  expect(seen.failures).toEqual([]);
  // From its return on, the registry never lists the live instance as gone.
  const answers = seen.lists.filter((entry) => entry.at > returnedAt && entry.urls !== 'unreachable');
  expect(answers.length).toBeGreaterThanOrEqual(10);
  expect(answers.filter((entry) => entry.urls.length !== 1)).toEqual([]);
  expect(await listed(registry.url)).toEqual([instance.url]);
}

describe('registry outage', () => {
  it('keeps traffic flowing while the registry process is down for longer than a lease, and after it restarts', async () => {
    await throughOutage(async () => {
      await registry.kill();
      await new Promise((resolve) => setTimeout(resolve, outageMs));
      registry = await start('registry', registryEnv);
    });
  }, 180_000);

  it("keeps traffic flowing while the registry's database is unreachable for longer than a lease, and after", async () => {
    await throughOutage(async () => {
      databaseProxy.down();
      await new Promise((resolve) => setTimeout(resolve, outageMs));
      databaseProxy.up();
      // Back once the registry answers from its database again.
      await expect
        .poll(() => listed(registry.url), { timeout: 10_000, interval: 20 })
        .not.toBe('unreachable');
    });
  }, 180_000);
});
