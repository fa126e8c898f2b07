import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema.js';
import { generateApiKey } from '../src/domain/api-key-format.js';
import { provisionServiceKeys } from '../src/security/provision-service-keys.js';
import { startUserKit, type UserKit } from './support/user-test-kit.js';

const orderKey = generateApiKey().key;
const setting = JSON.stringify([
  { name: 'order service', key: orderKey, scopes: ['inventory:reserve', 'payments:refund'] },
]);
let kit: UserKit;

beforeAll(async () => {
  kit = await startUserKit({ SERVICE_API_KEYS: setting });
}, 60_000);
afterAll(async () => {
  await kit?.stop();
});

describe('provisioned service keys (SERVICE_API_KEYS)', () => {
  it('are registered at boot and work like keys an admin created, within their scopes', async () => {
    const introspected = await kit.send('POST', '/internal/api-keys/introspect', { key: orderKey });
    expect(introspected.status).toBe(200);
    expect(introspected.body).toMatchObject({
      kind: 'api-key',
      permissions: ['inventory:reserve', 'payments:refund'],
    });
    // Not an admin: the key reaches nothing beyond its scopes.
    expect((await kit.send('GET', '/api/v1/users', undefined, { 'x-api-key': orderKey })).status).toBe(403);
  });

  it('are registered once across restarts, and a revocation by an admin stands', async () => {
    const db = drizzle(kit.database.pool, { schema });
    expect(await provisionServiceKeys(db, setting)).toBe(0);
    const rows = await kit.database.pool.query(`select id from "user".api_keys where name = 'order service'`);
    expect(rows.rows).toHaveLength(1);

    const admin = await kit.adminBearer();
    expect((await kit.send('DELETE', `/api/v1/api-keys/${rows.rows[0].id}`, undefined, admin)).status).toBe(
      200,
    );
    expect(await provisionServiceKeys(db, setting)).toBe(0);
    expect((await kit.send('POST', '/internal/api-keys/introspect', { key: orderKey })).status).toBe(401);
  });

  it('refuse to boot on a malformed setting, naming the problem', async () => {
    const db = drizzle(kit.database.pool, { schema });
    await expect(
      provisionServiceKeys(db, '[{"name":"x","key":"nope","scopes":["inventory:reserve"]}]'),
    ).rejects.toThrow(/not an emp_<prefix>_<secret> key/);
  });
});
