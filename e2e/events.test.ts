import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventCatalog } from '@emporium/contracts/events/event-catalog';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@emporium/launcher/embedded/start-embedded';
import { httpClient } from '@emporium/platform/testing/http';
import { createTestIdentity, type TestIdentity } from '@emporium/platform/testing/test-identity';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The embedded platform (`npm start`: one process, one PGlite, the
 * in-process broker) carries an event end to end: a stock change made
 * through the gateway commits with its `inventory.updated` outbox row, and
 * the relay publishes it within seconds. Callers are signed by a test
 * identity every service trusts (JWKS_URL), standing in for the user
 * service's tokens.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'emporium-e2e-events-'));
let platform: EmbeddedPlatform;
let identity: TestIdentity;
let database: pg.Client;

beforeAll(async () => {
  identity = await createTestIdentity();
  platform = await startEmbeddedPlatform({
    ephemeral: true,
    dataDir,
    gatewayPort: 0,
    logLevel: 'silent',
    // Live config off: these checks need no pushed settings.
    baseEnv: { JWKS_URL: identity.jwksUrl, LIVE_CONFIG: 'false' },
    onProgress: () => {},
  });
  database = new pg.Client({ connectionString: platform.databaseUrl });
  await database.connect();
}, 120_000);

afterAll(async () => {
  await database?.end();
  await platform?.stop();
  await identity?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('events on the embedded platform', () => {
  it('publishes inventory.updated from the outbox within seconds of a stock change made through the gateway', async () => {
    const admin = httpClient(
      platform.gatewayUrl,
      await identity.bearer({ sub: 'admin-e2e', roles: ['admin'] }),
    );
    expect((await admin('POST', '/api/v1/warehouses', { id: 'e2e-events', name: 'E2E' })).status).toBe(201);

    const traceId = randomBytes(16).toString('hex');
    const changed = await admin(
      'PUT',
      '/api/v1/inventory/SKU-E2E-EVENTS/warehouses/e2e-events',
      { onHand: 12 },
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    expect(changed.status).toBe(200);
    const committedAt = Date.now();

    const outboxRow = async () =>
      (
        await database.query<{ published_at: Date | null; envelope: Record<string, unknown> }>(
          `select published_at, envelope from inventory.outbox
            where event_type = 'inventory.updated' and aggregate_id = 'SKU-E2E-EVENTS'`,
        )
      ).rows;
    // The event committed with the change (the row exists as soon as the request answered)...
    expect(await outboxRow()).toHaveLength(1);
    // ...and left through the relay and the in-process broker.
    await expect
      .poll(async () => (await outboxRow())[0]?.published_at ?? null, { timeout: 5_000, interval: 50 })
      .not.toBeNull();
    const [row] = await outboxRow();
    expect(row!.published_at!.getTime() - committedAt).toBeLessThan(5_000);
    expect(row!.envelope).toMatchObject({
      specversion: '1.0',
      type: 'inventory.updated',
      subject: 'SKU-E2E-EVENTS',
      data: { sku: 'SKU-E2E-EVENTS', warehouseId: 'e2e-events', onHand: 12 },
    });
    // The caller's trace continues through the gateway, the service and the event.
    expect(String(row!.envelope.traceparent)).toContain(traceId);
  });

  it('guards the dead-letter admin routes of every service that has them', async () => {
    const customer = await identity.bearer({ sub: 'customer-e2e' });
    const operator = await identity.bearer({ sub: 'operator-e2e', perms: ['dead-letters:manage'] });
    const guarded: string[] = [];
    const distrusting: string[] = [];
    for (const service of platform.services) {
      const send = httpClient(service.url);
      const anonymous = await send('GET', '/admin/dead-letters');
      // Services without events have no such routes; none may answer an anonymous caller.
      expect({ service: service.name, status: anonymous.status }).toEqual({
        service: service.name,
        status: anonymous.status === 404 ? 404 : 401,
      });
      if (anonymous.status === 404) continue;
      guarded.push(service.name);
      const listed = await send('GET', '/admin/dead-letters', undefined, operator);
      if (listed.status === 401) {
        // The issuer trusts only its own signing keys, not the suite's JWKS_URL.
        distrusting.push(service.name);
        continue;
      }
      expect({ service: service.name, status: listed.status }).toEqual({
        service: service.name,
        status: 200,
      });
      expect(listed.body).toEqual({ items: [], nextCursor: null });
      expect((await send('GET', '/admin/dead-letters', undefined, customer)).status).toBe(403);
      expect((await send('POST', '/admin/dead-letters/replay-all', {}, customer)).status).toBe(403);
    }
    expect(guarded).toContain('inventory');
    expect(distrusting.filter((name) => name !== 'user')).toEqual([]);
  });

  it('subscribes every service to exactly the events the contracts list it as a consumer of', async () => {
    // A listed consumer that never subscribes gets a RabbitMQ queue nobody drains; one that
    // subscribes without being listed is missing from the catalog its producers read.
    const subscribed = Object.fromEntries(
      platform.services.map((service) => [service.name, service.events?.subscribedTypes() ?? []]),
    );
    const listed = Object.fromEntries(
      platform.services.map((service) => [
        service.name,
        eventCatalog
          .filter((definition) => (definition.consumers as readonly string[]).includes(service.name))
          .map((definition) => definition.type)
          .sort(),
      ]),
    );
    expect(subscribed).toEqual(listed);
  });
});
