import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningService } from '@emporium/platform/service/start-service';
import { httpClient } from '@emporium/platform/testing/http';
import { type ReplicableTestService, startTestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configService } from '../src/service.js';
import { type Subscription, subscribe } from './subscribe.js';

const seedDir = mkdtempSync(join(tmpdir(), 'emporium-config-seed-'));
function writeDocument(path: string, yaml: string) {
  mkdirSync(join(seedDir, path, '..'), { recursive: true });
  writeFileSync(join(seedDir, path), yaml);
}
writeDocument(
  'development/inventory.yaml',
  'discovery: static\nruntime:\n  logLevel: info\n  lowStockThreshold: 5\n',
);
writeDocument(
  'production/inventory.yaml',
  'databaseUrl: { secretRef: { file: /run/secrets/db } }\nruntime:\n  logLevel: warn\n',
);
writeDocument('development/leaky.yaml', 'runtime:\n  smtp:\n    password: hunter2\n');
writeDocument('development/broken.yaml', 'runtime: [not, a, mapping\n');

const env = { EMPORIUM_CONFIG_DIR: seedDir, EVENTS_POLL_INTERVAL_MS: '200' };
let config: ReplicableTestService;
let send: ReturnType<typeof httpClient>;
const subscriptions: Subscription[] = [];
const replicas: RunningService[] = [];

async function startReplica(): Promise<RunningService> {
  const replica = await config.startReplica();
  replicas.push(replica);
  return replica;
}
const versionsOf = async (service: string, profile: string) =>
  (await send('GET', `/api/v1/config/${service}/${profile}/versions`)).body.items.map(
    (d: { version: number }) => d.version,
  );

beforeAll(async () => {
  config = await startTestService(configService, env);
  send = httpClient(config.url, await config.identity.bearer({ sub: 'ops-1', roles: ['admin'] }));
});
afterAll(async () => {
  // Services first: they end their streams. (A client aborting first leaves undici reconnecting an idle socket.)
  for (const replica of replicas) await replica.close();
  await config?.stop();
  for (const subscription of subscriptions) subscription.close();
});

describe(`config service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('seeds version 1 of each YAML document, boot settings and runtime apart, secrets as references', async () => {
    const latest = await send('GET', '/api/v1/config/inventory/development');
    expect(latest.status).toBe(200);
    expect(latest.headers.get('etag')).toBe('"1"');
    expect(latest.body).toMatchObject({
      service: 'inventory',
      profile: 'development',
      version: 1,
      settings: { discovery: 'static' },
      runtime: { logLevel: 'info', lowStockThreshold: 5 },
      createdBy: 'seed',
      comment: 'seeded from config/development/inventory.yaml',
    });
    const production = (await send('GET', '/api/v1/config/inventory/production')).body;
    expect(production.settings).toEqual({ databaseUrl: { secretRef: { file: '/run/secrets/db' } } });
  });

  it('refuses to seed a file with a plain-text secret or broken YAML', async () => {
    expect((await send('GET', '/api/v1/config/leaky/development')).body.code).toBe('DOCUMENT_NOT_FOUND');
    expect((await send('GET', '/api/v1/config/broken/development')).status).toBe(404);
  });

  it('seeds idempotently: an unchanged file adds no version, an edited one adds exactly one', async () => {
    await startReplica();
    expect(await versionsOf('inventory', 'development')).toEqual([1]);

    writeDocument('development/inventory.yaml', 'discovery: static\nruntime:\n  logLevel: debug\n');
    await startReplica();
    await startReplica();
    expect(await versionsOf('inventory', 'development')).toEqual([2, 1]);
    expect((await send('GET', '/api/v1/config/inventory/development')).body.runtime).toEqual({
      logLevel: 'debug',
    });
  });

  it('writes a new version with PUT under If-Match, and refuses a stale one with 412', async () => {
    const body = {
      settings: { discovery: 'static' },
      runtime: { logLevel: 'info', rateLimits: { rpm: 100 } },
    };
    const stale = await send('PUT', '/api/v1/config/inventory/development', body, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 2 });

    const written = await send(
      'PUT',
      '/api/v1/config/inventory/development',
      { ...body, comment: 'calmer' },
      {
        'if-match': '"2"',
      },
    );
    expect(written.status).toBe(200);
    expect(written.headers.get('etag')).toBe('"3"');
    expect(written.body).toMatchObject({
      version: 3,
      runtime: body.runtime,
      createdBy: 'ops-1',
      comment: 'calmer',
    });

    expect((await send('PUT', '/api/v1/config/inventory/development', body)).body.version).toBe(4);
    const created = await send('PUT', '/api/v1/config/fresh/staging', body, { 'if-match': '*' });
    expect(created.status).toBe(412);
    expect((await send('PUT', '/api/v1/config/fresh/staging', body, { 'if-match': '0' })).body.version).toBe(
      1,
    );
  });

  it('lets only holders of config:write change a document; anyone inside may read', async () => {
    const body = { settings: {}, runtime: { logLevel: 'debug' } };
    const anonymous = await httpClient(config.url)('PUT', '/api/v1/config/inventory/development', body);
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const customer = httpClient(
      config.url,
      await config.identity.bearer({ sub: 'c-1', roles: ['customer'] }),
    );
    const refused = await customer('PUT', '/api/v1/config/inventory/development', body);
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(
      (await httpClient(config.url)('GET', '/api/v1/config/inventory/development')).body.runtime,
    ).not.toEqual(body.runtime);
  });

  it('keeps an operator change when the service restarts with the same files', async () => {
    await startReplica();
    const latest = (await send('GET', '/api/v1/config/inventory/development')).body;
    expect(latest).toMatchObject({ version: 4, createdBy: 'ops-1' });
  });

  it('pages through the history, newest first', async () => {
    const first = (await send('GET', '/api/v1/config/inventory/development/versions?limit=3')).body;
    expect(first.items.map((d: { version: number }) => d.version)).toEqual([4, 3, 2]);
    const rest = (
      await send('GET', `/api/v1/config/inventory/development/versions?limit=3&cursor=${first.nextCursor}`)
    ).body;
    expect(rest).toMatchObject({ items: [{ version: 1, createdBy: 'seed' }], nextCursor: null });
  });

  it('pushes a new version to a subscriber within a second', async () => {
    const subscription = await subscribe(config.url, 'inventory', 'staging');
    subscriptions.push(subscription);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(subscription.documents).toEqual([]);

    const putAt = Date.now();
    await send('PUT', '/api/v1/config/inventory/staging', { settings: {}, runtime: { logLevel: 'debug' } });
    await expect.poll(() => subscription.documents.length, { timeout: 1_000 }).toBe(1);
    expect(subscription.documents[0]).toMatchObject({ version: 1, runtime: { logLevel: 'debug' } });
    expect(subscription.documents[0]!.receivedAt - putAt).toBeLessThan(1_000);
  });

  it('sends the current version on connect and pushes versions written on another replica', async () => {
    const replica = await startReplica();
    const subscription = await subscribe(replica.url, 'inventory', 'development');
    subscriptions.push(subscription);
    await expect.poll(() => subscription.documents.map((d) => d.version), { timeout: 1_000 }).toEqual([4]);

    await send('PUT', '/api/v1/config/inventory/development', {
      settings: { discovery: 'static' },
      runtime: { logLevel: 'warn' },
    });
    await expect.poll(() => subscription.documents.map((d) => d.version), { timeout: 1_500 }).toEqual([4, 5]);
  });

  it('refuses plain-text secrets and malformed references, naming where and never echoing them', async () => {
    const leaky = await send('PUT', '/api/v1/config/payment/production', {
      settings: { databaseUrl: 'postgres://payment:s3cret@db/payment' },
      runtime: { stripe: { apiKey: 'sk_live_123' } },
    });
    expect(leaky.status).toBe(400);
    expect(leaky.body).toMatchObject({
      code: 'PLAINTEXT_SECRET',
      paths: ['databaseUrl', 'runtime.stripe.apiKey'],
    });
    expect(leaky.text).not.toMatch(/s3cret|sk_live_123/);

    const malformed = await send('PUT', '/api/v1/config/payment/production', {
      settings: { jwtSecret: { secretRef: { env: 'jwt-secret' } } },
      runtime: {},
    });
    expect(malformed.body).toMatchObject({ code: 'INVALID_SECRET_REF', paths: ['jwtSecret'] });

    const referenced = await send('PUT', '/api/v1/config/payment/production', {
      settings: { jwtSecret: { secretRef: { env: 'JWT_SECRET' } } },
      runtime: { stripe: { apiKey: { secretRef: { file: '/run/secrets/stripe' } } } },
    });
    expect(referenced.status).toBe(200);
    expect((await send('GET', '/api/v1/config/payment/production')).body.runtime).toEqual({
      stripe: { apiKey: { secretRef: { file: '/run/secrets/stripe' } } },
    });
  });

  it('answers bad requests with problem+json', async () => {
    const badProfile = await send('GET', '/api/v1/config/inventory/qa');
    expect(badProfile.status).toBe(400);
    expect(badProfile.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const reserved = await send('PUT', '/api/v1/config/inventory/staging', {
      settings: { runtime: {} },
      runtime: {},
    });
    expect(reserved.body.code).toBe('VALIDATION_FAILED');
    const partial = await send('PUT', '/api/v1/config/inventory/staging', { runtime: {} });
    expect(partial.status).toBe(400);
    const badIfMatch = await send(
      'PUT',
      '/api/v1/config/inventory/staging',
      { settings: {}, runtime: {} },
      {
        'if-match': 'yesterday',
      },
    );
    expect(badIfMatch.status).toBe(400);
    expect((await send('GET', '/api/v1/config/nobody/staging')).body.code).toBe('DOCUMENT_NOT_FOUND');
  });
});

describe('the documents shipped in config/', () => {
  let shipped: ReplicableTestService;
  beforeAll(async () => {
    shipped = await startTestService(configService);
  });
  afterAll(async () => {
    await shipped?.stop();
  });

  it('all seed cleanly, for every profile', async () => {
    const get = httpClient(shipped.url);
    for (const profile of ['development', 'staging', 'production']) {
      for (const service of ['gateway', 'inventory', 'notification', 'registry', 'config']) {
        const response = await get('GET', `/api/v1/config/${service}/${profile}`);
        expect(response.status, `${service}/${profile}`).toBe(200);
        // Development leaves the level to LOG_LEVEL (npm start's quiet console); the others set one live.
        if (profile === 'development') expect(response.body.runtime?.logLevel, service).toBeUndefined();
        else expect(response.body.runtime.logLevel, `${service}/${profile}`).toBeDefined();
      }
    }
  });
});
