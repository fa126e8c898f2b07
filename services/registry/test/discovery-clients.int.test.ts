import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '@emporium/platform/db/embedded-postgres';
import { type Registration, startRegistration } from '@emporium/platform/discovery/registration';
import { createRegistryLocator } from '@emporium/platform/discovery/registry-locator';
import { createLogger } from '@emporium/platform/log/logger';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryService } from '../src/service.js';
import { type HttpInstance, startHttpInstance } from './fixtures/http-instance.js';

const logger = createLogger({ service: 'discovery-test', version: 'test', level: 'silent' });
const timings = {
  SWEEP_INTERVAL_MS: '100',
  HEALTH_CHECK_INTERVAL_MS: '200',
  HEALTH_CHECK_TIMEOUT_MS: '300',
  HEALTH_CHECK_FAILURES: '2',
};
const cleanup: Array<() => Promise<unknown> | unknown> = [];
let registry: TestService;
/** Registered while no registry was listening yet (see the first test). */
let patient: { url: string; registration: Registration; idBeforeRegistryStarted: string | undefined };

beforeAll(async () => {
  const port = await freePort();
  const a = await instance();
  const registration = register(`http://127.0.0.1:${port}`, 'patient', a.url);
  await new Promise((resolve) => setTimeout(resolve, 600));
  patient = { url: a.url, registration, idBeforeRegistryStarted: registration.instanceId };
  registry = await startTestService(registryService, { ...timings, PORT: String(port) });
  cleanup.push(() => registry.stop());
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});
async function instance(): Promise<HttpInstance> {
  const started = await startHttpInstance();
  cleanup.push(() => started.close());
  return started;
}
function register(registryUrl: string, service: string, url: string, leaseSeconds = 10): Registration {
  const registration = startRegistration({
    registryUrl,
    service,
    url,
    leaseSeconds,
    logger,
    retryMinMs: 100,
    retryMaxMs: 400,
  });
  cleanup.push(() => registration.close());
  return registration;
}
const upUrlsOf = (registryUrl: string, service: string) => async () =>
  (await httpClient(registryUrl)('GET', `/api/v1/registry/services/${service}/instances`)).body.items
    .map((i: { url: string }) => i.url)
    .sort();

describe('registration client', () => {
  it('keeps trying in the background while the registry is down, then registers', async () => {
    expect(patient.idBeforeRegistryStarted).toBeUndefined();
    await expect.poll(upUrlsOf(registry.url, 'patient'), { timeout: 3_000 }).toEqual([patient.url]);
    expect(patient.registration.instanceId).toBeDefined();
  });

  it('heartbeats past its lease, registers again when forgotten, and deregisters on close', async () => {
    const a = await instance();
    const registration = register(registry.url, 'steady', a.url, 1);
    const upUrls = upUrlsOf(registry.url, 'steady');
    await expect.poll(upUrls, { timeout: 3_000 }).toEqual([a.url]);
    const firstId = registration.instanceId!;

    await new Promise((resolve) => setTimeout(resolve, 2_500)); // two and a half leases
    expect(await upUrls()).toEqual([a.url]);
    expect(registration.instanceId).toBe(firstId);

    // The registry loses the instance (an operator, a wiped database): the next heartbeat gets a 404.
    expect((await httpClient(registry.url)('DELETE', `/api/v1/registry/instances/${firstId}`)).status).toBe(
      204,
    );
    await expect.poll(() => registration.instanceId, { timeout: 3_000 }).not.toBe(firstId);
    await expect.poll(upUrls, { timeout: 3_000 }).toEqual([a.url]);

    await registration.close();
    expect(await upUrls()).toEqual([]);
  });
});

describe('registry locator', () => {
  it('balances round-robin, skips a reported instance, and follows the registry after its cache', async () => {
    const [a, b] = [await instance(), await instance()];
    register(registry.url, 'balanced', a.url);
    const leaving = register(registry.url, 'balanced', b.url);
    await expect.poll(upUrlsOf(registry.url, 'balanced'), { timeout: 3_000 }).toHaveLength(2);

    const locator = createRegistryLocator({
      registryUrl: registry.url,
      cacheMs: 500,
      failureCooldownMs: 1_000,
    });
    const picks = [];
    for (let i = 0; i < 4; i += 1) picks.push(await locator.resolve('balanced'));
    expect(picks.filter((url) => url === a.url)).toHaveLength(2);
    expect(picks.filter((url) => url === b.url)).toHaveLength(2);

    locator.reportFailure!('balanced', b.url);
    for (let i = 0; i < 4; i += 1) expect(await locator.resolve('balanced')).toBe(a.url);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const afterCooldown = new Set([await locator.resolve('balanced'), await locator.resolve('balanced')]);
    expect(afterCooldown).toEqual(new Set([a.url, b.url]));

    await leaving.close();
    await expect
      .poll(async () => new Set([await locator.resolve('balanced'), await locator.resolve('balanced')]), {
        timeout: 3_000,
      })
      .toEqual(new Set([a.url]));
    await expect(locator.resolve('nobody')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('stops sending traffic to an instance killed with SIGKILL within seconds, with no failed call', async () => {
    const live = await instance();
    register(registry.url, 'fleet', live.url, 2);
    const child = spawnInstance(registry.url, 'fleet', 2);
    const doomedUrl = await firstLine(child);
    await expect
      .poll(upUrlsOf(registry.url, 'fleet'), { timeout: 5_000 })
      .toEqual([live.url, doomedUrl].sort());

    // A caller like the gateway: default cache and cool-down, one retry on another instance.
    const locator = createRegistryLocator({ registryUrl: registry.url });
    const call = async () => {
      const baseUrl = await locator.resolve('fleet');
      try {
        const response = await fetch(`${baseUrl}/work`, { signal: AbortSignal.timeout(1_000) });
        await response.text();
        return { baseUrl, ok: response.ok };
      } catch {
        locator.reportFailure!('fleet', baseUrl);
        return { baseUrl, ok: false };
      }
    };
    for (let i = 0; i < 10; i += 1) expect((await call()).ok).toBe(true);

    child.kill('SIGKILL');
    await once(child, 'exit');
    const killedAt = Date.now();
    let failedCalls = 0;
    let lastSentToDead = 0;
    while (Date.now() - killedAt < 8_000) {
      let result = await call();
      if (result.baseUrl === doomedUrl) lastSentToDead = Date.now();
      if (!result.ok) result = await call();
      if (!result.ok) failedCalls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(failedCalls).toBe(0);
    expect(lastSentToDead - killedAt).toBeLessThan(5_000);
    expect(await upUrlsOf(registry.url, 'fleet')()).toEqual([live.url]);
  });

  it('keeps serving the last known instances while the registry is unreachable', async () => {
    const a = await instance();
    const registration = register(registry.url, 'resilient', a.url);
    await expect.poll(upUrlsOf(registry.url, 'resilient'), { timeout: 3_000 }).toEqual([a.url]);
    const locator = createRegistryLocator({ registryUrl: registry.url, cacheMs: 100, logger });
    expect(await locator.resolve('resilient')).toBe(a.url);

    // Last test of the file: the shared registry goes away for good.
    await registration.close();
    await registry.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 3; i += 1) expect(await locator.resolve('resilient')).toBe(a.url);
  });
});

function spawnInstance(registryUrl: string, service: string, leaseSeconds: number): ChildProcess {
  const script = fileURLToPath(new URL('./fixtures/instance-process.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', script, registryUrl, service, String(leaseSeconds)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanup.push(() => child.kill('SIGKILL'));
  return child;
}

async function firstLine(child: ChildProcess): Promise<string> {
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    if (output.includes('\n')) return output.split('\n')[0]!.trim();
  }
  throw new Error('instance process exited before printing its URL');
}
