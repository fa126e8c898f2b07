import { inventoryService } from '@emporium/inventory/service';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUserKit, type UserKit } from './support/user-test-kit.js';

let kit: UserKit;
let inventory: TestService;
let admin: { authorization: string };

beforeAll(async () => {
  kit = await startUserKit();
  admin = await kit.adminBearer();
  // Inventory finds the user service through discovery, as in production, and asks it about API keys.
  inventory = await startTestService(inventoryService, { SERVICE_URLS: `user=${kit.service.url}` });
}, 120_000); // two services to boot
afterAll(async () => {
  await inventory?.stop();
  await kit?.stop();
});

const createKey = (body: Record<string, unknown>) => kit.send('POST', '/api/v1/api-keys', body, admin);

describe('API keys', () => {
  it('are created by an admin with scopes, shown once and stored hashed', async () => {
    const created = await createKey({ name: 'order service', scopes: ['inventory:read', 'inventory:write'] });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({
      name: 'order service',
      scopes: ['inventory:read', 'inventory:write'],
      revokedAt: null,
      expiresAt: null,
    });
    expect(created.body.key).toMatch(new RegExp(`^emp_${created.body.prefix}_[\\w-]{43}$`));
    const listed = await kit.send('GET', '/api/v1/api-keys', undefined, admin);
    expect(listed.body.items.map((k: { id: string }) => k.id)).toContain(created.body.id);
    expect(listed.text).not.toContain(created.body.key);
    const stored = await kit.database.pool.query(`select secret_hash from "user".api_keys where id = $1`, [
      created.body.id,
    ]);
    expect(stored.rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored.rows)).not.toContain(created.body.key.split('_')[2]);
  });

  it('refuses unknown scopes and scopes the creator does not hold', async () => {
    expect((await createKey({ name: 'x', scopes: ['root:everything'] })).body.code).toBe(
      'UNKNOWN_PERMISSION',
    );
    const ada = await kit.register('ada@example.com');
    const customer = { authorization: `Bearer ${ada.body.accessToken}` };
    expect(
      (await kit.send('POST', '/api/v1/api-keys', { name: 'x', scopes: ['inventory:read'] }, customer))
        .status,
    ).toBe(403);
  });

  it('work in place of a JWT on another service, within their scopes', async () => {
    const writer = (await createKey({ name: 'stock sync', scopes: ['inventory:read', 'inventory:write'] }))
      .body.key;
    const reader = (await createKey({ name: 'dashboard', scopes: ['inventory:read'] })).body.key;
    const send = httpClient(inventory.url);
    const created = await send(
      'POST',
      '/api/v1/warehouses',
      { id: 'eu-1', name: 'Berlin' },
      { 'x-api-key': writer },
    );
    expect(created.status).toBe(201);
    const listed = await send('GET', '/api/v1/warehouses', undefined, { 'x-api-key': reader });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual(['eu-1']);
    const beyond = await send(
      'POST',
      '/api/v1/warehouses',
      { id: 'eu-2', name: 'Paris' },
      { 'x-api-key': reader },
    );
    expect(beyond.status).toBe(403);
    const bogus = await send('GET', '/api/v1/warehouses', undefined, {
      'x-api-key': `${writer.slice(0, -4)}AAAA`,
    });
    expect(bogus.status).toBe(401);
    expect(bogus.body.code).toBe('UNAUTHENTICATED');
    const garbage = await send('GET', '/api/v1/warehouses', undefined, { 'x-api-key': 'not-a-key' });
    expect(garbage.status).toBe(401);
  });

  it('stop working once revoked or expired', async () => {
    const created = (await createKey({ name: 'partner', scopes: ['users:read:any'] })).body;
    const asKey = (key: string) => kit.send('GET', '/api/v1/users', undefined, { 'x-api-key': key });
    // The user service checks its own keys locally.
    expect((await asKey(created.key)).status).toBe(200);
    const introspect = await kit.send('POST', '/internal/api-keys/introspect', { key: created.key });
    expect(introspect.body).toEqual({
      kind: 'api-key',
      subject: created.id,
      roles: [],
      permissions: ['users:read:any'],
    });
    const revoked = await kit.send('DELETE', `/api/v1/api-keys/${created.id}`, undefined, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await asKey(created.key)).status).toBe(401);
    const after = await kit.send('POST', '/internal/api-keys/introspect', { key: created.key });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('INVALID_API_KEY');

    // Revoked before another service ever saw it: refused there too (nothing cached).
    const unused = (await createKey({ name: 'never used', scopes: ['inventory:read'] })).body;
    await kit.send('DELETE', `/api/v1/api-keys/${unused.id}`, undefined, admin);
    const inventoryAnswer = await httpClient(inventory.url)('GET', '/api/v1/warehouses', undefined, {
      'x-api-key': unused.key,
    });
    expect(inventoryAnswer.status).toBe(401);

    const expiring = (await createKey({ name: 'short', scopes: ['users:read:any'], expiresInDays: 1 })).body;
    expect((await asKey(expiring.key)).status).toBe(200);
    await kit.database.pool.query(
      `update "user".api_keys set expires_at = now() - interval '1 second' where id = $1`,
      [expiring.id],
    );
    expect((await asKey(expiring.key)).status).toBe(401);
    expect(
      (await kit.send('DELETE', '/api/v1/api-keys/00000000-0000-4000-8000-000000000000', undefined, admin))
        .status,
    ).toBe(404);
  });
});
