import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configService } from '@emporium/config/service';
import { inventoryService } from '@emporium/inventory/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from '../../src/testing/http.js';
import { startTestService, type TestService } from '../../src/testing/start-test-service.js';
import { type LoggedService, startLoggedService } from './support/start-logged-service.js';

/**
 * The "a config change pushed while a service runs takes effect
 * without a restart", through the real pieces: the config service (seeded
 * from YAML, versioned, pushing over its event stream) and a running
 * inventory service following it (LIVE_CONFIG on, the config service found
 * through discovery). Effects are checked from outside: the lines the
 * service logs and the thresholds it gives new stock rows.
 */
const configDir = mkdtempSync(join(tmpdir(), 'emporium-live-push-'));
mkdirSync(join(configDir, 'development'));
writeFileSync(
  join(configDir, 'development', 'inventory.yaml'),
  'runtime:\n  logLevel: info\n  lowStockThreshold: 5\n',
);

let config: TestService;
let inventory: LoggedService;
let admin: ReturnType<typeof httpClient>;
const document = '/api/v1/config/inventory/development';

const requestLines = () => inventory.lines.filter((line) => line.msg === 'request completed').length;

/** A new stock row set without a threshold gets the service's current default. */
async function thresholdOfNewRow(sku: string): Promise<number> {
  const response = await admin('PUT', `/api/v1/inventory/${sku}/warehouses/live-1`, { onHand: 10 });
  expect(response.status).toBe(200);
  return response.body.warehouses[0].lowStockThreshold;
}

async function push(runtime: Record<string, unknown>, headers: Record<string, string> = {}) {
  const operator = await config.identity.bearer({ sub: 'ops-1', roles: ['admin'] });
  const response = await httpClient(config.url, operator)(
    'PUT',
    document,
    { settings: {}, runtime },
    headers,
  );
  expect(response.status).toBe(200);
  return { version: response.body.version as number, pushedAt: Date.now() };
}

beforeAll(async () => {
  config = await startTestService(configService, { EMPORIUM_CONFIG_DIR: configDir });
  inventory = await startLoggedService(inventoryService, {
    LIVE_CONFIG: 'true',
    SERVICE_URLS: `config=${config.url}`,
    // Boot value, replaced by the seeded document's 5 as soon as it arrives.
    DEFAULT_LOW_STOCK_THRESHOLD: '9',
  });
  admin = httpClient(inventory.url, await inventory.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
  expect((await admin('POST', '/api/v1/warehouses', { id: 'live-1', name: 'Live' })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await inventory?.stop();
  await config?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

describe('config pushed to a running service', () => {
  it('applies the seeded document once the service is up', async () => {
    await expect
      .poll(() => inventory.lines.some((l) => l.msg === 'live config applied' && l.configVersion === 1), {
        timeout: 5_000,
      })
      .toBe(true);
    expect(await thresholdOfNewRow('SKU-SEEDED')).toBe(5);
    expect(inventory.logger.level).toBe('info');
  });

  it('takes a new version within seconds, without a restart', async () => {
    const before = requestLines();
    await admin('GET', '/api/v1/inventory/SKU-SEEDED');
    expect(requestLines()).toBe(before + 1);

    const { version, pushedAt } = await push({ logLevel: 'warn', lowStockThreshold: 2 });
    expect(version).toBe(2);
    await expect.poll(() => inventory.logger.level, { timeout: 3_000, interval: 20 }).toBe('warn');
    expect(Date.now() - pushedAt).toBeLessThan(3_000);

    // The same running instance: quiet at info now, and new rows get the pushed threshold.
    const quiet = requestLines();
    expect(await thresholdOfNewRow('SKU-PUSHED')).toBe(2);
    await admin('GET', '/api/v1/inventory/SKU-PUSHED');
    expect(requestLines()).toBe(quiet);
    expect(inventory.lines.filter((l) => l.msg === 'service listening')).toHaveLength(1);
    // Rows keep the threshold they were given.
    expect((await admin('GET', '/api/v1/inventory/SKU-SEEDED')).body.warehouses[0].lowStockThreshold).toBe(5);
  });

  it('rolls back by writing an earlier version again, applied live (docs/runbooks/config.md)', async () => {
    const history = await httpClient(config.url)('GET', `${document}/versions?limit=10`);
    expect(history.body.items.map((d: { version: number }) => d.version)).toEqual([2, 1]);
    const first = history.body.items.find((d: { version: number }) => d.version === 1);

    const operator = httpClient(config.url, await config.identity.bearer({ sub: 'ops-1', roles: ['admin'] }));
    const rollback = await operator(
      'PUT',
      document,
      { settings: first.settings, runtime: first.runtime, comment: 'roll back to version 1' },
      { 'if-match': '"2"' },
    );
    expect(rollback.status).toBe(200);
    expect(rollback.body).toMatchObject({ version: 3, runtime: { logLevel: 'info', lowStockThreshold: 5 } });

    await expect.poll(() => inventory.logger.level, { timeout: 3_000, interval: 20 }).toBe('info');
    const before = requestLines();
    expect(await thresholdOfNewRow('SKU-ROLLED-BACK')).toBe(5);
    expect(requestLines()).toBe(before + 1);

    // A writer still holding version 2 is refused rather than undoing the rollback.
    const stale = await operator(
      'PUT',
      document,
      { settings: {}, runtime: { logLevel: 'debug' } },
      { 'if-match': '"2"' },
    );
    expect(stale.status).toBe(412);
    expect(inventory.logger.level).toBe('info');
  });
});
