import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createLiveConfig, type LiveConfig } from '@emporium/platform/config/live-config';
import { createStaticLocator } from '@emporium/platform/discovery/static-locator';
import { createLogger } from '@emporium/platform/log/logger';
import type { RunningService } from '@emporium/platform/service/start-service';
import { httpClient } from '@emporium/platform/testing/http';
import { type ReplicableTestService, startTestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configService } from '../src/service.js';

const env = { EMPORIUM_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'emporium-live-')) };
let config: ReplicableTestService;
let restarted: RunningService | undefined;
let live: LiveConfig;
const lines: Array<{ level: string; msg: string }> = [];
const destination = new PassThrough();
destination.on('data', (chunk) => {
  for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
});
const logger = createLogger({ service: 'shop', version: 'test', level: 'info', destination });
const flags: unknown[] = [];
/** What the static locator knows; the reconnection test moves the config service. */
const configInstances = new Map<string, string[]>();

const put = async (runtime: Record<string, unknown>) =>
  httpClient(restarted?.url ?? config.url, await config.identity.bearer({ sub: 'ops', roles: ['admin'] }))(
    'PUT',
    '/api/v1/config/shop/development',
    { settings: {}, runtime },
  );

beforeAll(async () => {
  config = await startTestService(configService, env);
  configInstances.set('config', [config.url]);
  live = createLiveConfig({
    service: 'shop',
    profile: 'development',
    logger,
    locator: createStaticLocator(configInstances),
    reconnectMinMs: 100,
    reconnectMaxMs: 400,
  });
  live.onChange('featureFlags', (value) => {
    flags.push(value);
  });
  live.start();
  await new Promise((resolve) => setTimeout(resolve, 300));
});
afterAll(async () => {
  await live?.close();
  await restarted?.close();
  await config?.stop();
});

describe('live config client', () => {
  it('changes the log level of a running logger without a restart', async () => {
    logger.debug('before the change');
    expect(lines.some((line) => line.msg === 'before the change')).toBe(false);

    await put({ logLevel: 'debug', featureFlags: { newCheckout: true } });
    await expect.poll(() => logger.level, { timeout: 1_000 }).toBe('debug');
    logger.debug('after the change');
    expect(lines.some((line) => line.msg === 'after the change' && line.level === 'debug')).toBe(true);
    expect(flags).toEqual([{ newCheckout: true }]);
    expect(live.version).toBe(1);
  });

  it('calls handlers only for keys that changed, and falls back when a key goes away', async () => {
    await put({ logLevel: 'debug', featureFlags: { newCheckout: true }, rateLimits: { rpm: 10 } });
    await expect.poll(() => live.version, { timeout: 1_000 }).toBe(2);
    expect(flags).toHaveLength(1);

    await put({});
    await expect.poll(() => logger.level, { timeout: 1_000 }).toBe('info');
    expect(flags).toEqual([{ newCheckout: true }, undefined]);
    expect(live.current()).toEqual({});
  });

  it('ignores a log level pino does not know', async () => {
    await put({ logLevel: 'loud' });
    await expect.poll(() => live.version, { timeout: 1_000 }).toBe(4);
    expect(logger.level).toBe('info');
  });

  it('reconnects with backoff while the config service is away and catches up on what it missed', async () => {
    await config.close();
    // The service comes back elsewhere; a version is written before the client can reach it.
    restarted = await config.startReplica();
    await put({ logLevel: 'warn' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(logger.level).toBe('info');
    expect(lines.some((line) => line.msg === 'live config stream failed')).toBe(true);

    configInstances.set('config', [restarted.url]);
    await expect.poll(() => logger.level, { timeout: 3_000 }).toBe('warn');
    expect(live.version).toBe(5);
  });

  it('gives a handler registered late the current value at once', async () => {
    const seen: unknown[] = [];
    live.onChange('logLevel', (value) => {
      seen.push(value);
    });
    expect(seen).toEqual(['warn']);
  });
});
