import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inventoryService } from '../src/service.js';

let service: TestService;
/** Requests as the shop's admin: every write to stock needs `inventory:write`. */
let send: ReturnType<typeof httpClient>;
let anonymous: ReturnType<typeof httpClient>;

beforeAll(async () => {
  service = await startTestService(inventoryService);
  send = httpClient(service.url, await service.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
  anonymous = httpClient(service.url);
});
afterAll(async () => {
  await service?.stop();
});

describe(`inventory service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database', async () => {
    const response = await send('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toContain('database');
  });

  it('creates a warehouse, sets stock and reads it back summed across warehouses', async () => {
    expect(
      (await send('POST', '/api/v1/warehouses', { id: 'eu-1', name: 'Berlin', country: 'DE' })).status,
    ).toBe(201);
    expect((await send('POST', '/api/v1/warehouses', { id: 'us-1', name: 'Newark' })).status).toBe(201);
    expect((await send('PUT', '/api/v1/inventory/SKU-1/warehouses/eu-1', { onHand: 7 })).status).toBe(200);
    await send('PUT', '/api/v1/inventory/SKU-1/warehouses/us-1', { onHand: 3, lowStockThreshold: 1 });

    const stock = (await send('GET', '/api/v1/inventory/SKU-1')).body;
    expect(stock).toMatchObject({ sku: 'SKU-1', available: 10, onHand: 10, reserved: 0 });
    expect(stock.warehouses).toHaveLength(2);
    const listed = (await send('GET', '/api/v1/warehouses')).body;
    expect(listed.items.map((w: { id: string }) => w.id)).toEqual(['eu-1', 'us-1']);
  });

  it('writes inventory.updated to the outbox with the stock change, and the relay publishes it', async () => {
    const db = new pg.Client({ connectionString: service.database!.url });
    await db.connect();
    try {
      const { rows } = await db.query(
        `select event_type, aggregate_id, envelope from inventory.outbox where aggregate_id = 'SKU-1' order by sequence`,
      );
      expect(rows.map((r) => r.event_type)).toEqual(['inventory.updated', 'inventory.updated']);
      expect(rows[1].envelope.data).toMatchObject({
        sku: 'SKU-1',
        warehouseId: 'us-1',
        onHand: 3,
        totalAvailable: 10,
      });
      expect(rows[1].envelope.traceparent).toMatch(/^00-[0-9a-f]{32}-/);
      await vi.waitFor(
        async () => {
          const unsent = await db.query(
            'select count(*)::int as n from inventory.outbox where published_at is null',
          );
          expect(unsent.rows[0].n).toBe(0);
        },
        { timeout: 5_000, interval: 100 },
      );
    } finally {
      await db.end();
    }
  });

  it('refuses a duplicate warehouse with a stable code', async () => {
    const response = await send('POST', '/api/v1/warehouses', { id: 'eu-1', name: 'Again' });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('WAREHOUSE_EXISTS');
  });

  it('answers bad input with problem+json and changes nothing', async () => {
    const negative = await send('PUT', '/api/v1/inventory/SKU-1/warehouses/eu-1', { onHand: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(negative.body.requestId).toBeTruthy();
    const extra = await send('PUT', '/api/v1/inventory/SKU-1/warehouses/eu-1', { onHand: 1, admin: true });
    expect(extra.status).toBe(400);
    const unknownWarehouse = await send('PUT', '/api/v1/inventory/SKU-1/warehouses/nowhere', { onHand: 1 });
    expect(unknownWarehouse.body.code).toBe('WAREHOUSE_NOT_FOUND');
    const db = new pg.Client({ connectionString: service.database!.url });
    await db.connect();
    const events = await db.query(
      `select count(*)::int as n from inventory.outbox where aggregate_id = 'SKU-1'`,
    );
    await db.end();
    expect(events.rows[0].n).toBe(2); // refused changes wrote no event
    const malformed = await send('POST', '/api/v1/warehouses', '{"id":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_BODY');
    expect((await send('GET', '/api/v1/inventory/SKU-1')).body.available).toBe(10);
  });

  it('lets anyone read availability but only stock managers change it', async () => {
    expect((await anonymous('GET', '/api/v1/inventory/SKU-1')).status).toBe(200);
    const noToken = await anonymous('PUT', '/api/v1/inventory/SKU-1/warehouses/eu-1', { onHand: 0 });
    expect(noToken.status).toBe(401);
    expect(noToken.body.code).toBe('UNAUTHENTICATED');
    const customer = await service.identity.bearer({ sub: 'customer-1', roles: ['customer'] });
    const forbidden = await anonymous(
      'PUT',
      '/api/v1/inventory/SKU-1/warehouses/eu-1',
      { onHand: 0 },
      customer,
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    const forged = await anonymous(
      'POST',
      '/api/v1/warehouses',
      { id: 'x-1', name: 'X' },
      { authorization: 'Bearer not.a.jwt' },
    );
    expect(forged.status).toBe(401);
    const catalogManager = await service.identity.bearer({ sub: 'cm-1', roles: ['catalog_manager'] });
    expect((await anonymous('GET', '/api/v1/warehouses', undefined, catalogManager)).status).toBe(200);
    expect((await send('GET', '/api/v1/inventory/SKU-1')).body.available).toBe(10);
  });

  it('answers unknown SKUs and routes with 404 problems', async () => {
    expect((await send('GET', '/api/v1/inventory/NOPE')).body.code).toBe('STOCK_NOT_FOUND');
    expect((await send('GET', '/api/v1/nothing-here')).body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('exposes RED metrics per route and its OpenAPI document', async () => {
    const metrics = (await send('GET', '/metrics')).text;
    expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/inventory\/:sku"/);
    const openapi = (await send('GET', '/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toContain('/api/v1/inventory/{sku}');
  });
});
