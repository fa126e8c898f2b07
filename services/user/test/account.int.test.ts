import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, demoAccounts, startUserKit, type UserKit } from './support/user-test-kit.js';

let kit: UserKit;
let admin: { authorization: string };

interface Person {
  id: string;
  email: string;
  auth: { authorization: string };
  refreshToken: string;
}

async function person(email: string, password = 'correct horse battery'): Promise<Person> {
  const response = await kit.register(email, password, email.split('@')[0]);
  expect(response.status).toBe(201);
  return {
    id: response.body.user.id,
    email,
    auth: { authorization: `Bearer ${response.body.accessToken}` },
    refreshToken: response.body.refreshToken,
  };
}

async function outboxOf(userId: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
  const { rows } = await kit.database.pool.query(
    `select envelope from "user".outbox where aggregate_id = $1 order by sequence`,
    [userId],
  );
  return rows.map((r) => ({ type: r.envelope.type, data: r.envelope.data }));
}

beforeAll(async () => {
  kit = await startUserKit();
  admin = await kit.adminBearer();
}, 120_000); // boots PGlite, migrates, seeds and signs in: slow on a loaded machine
afterAll(async () => {
  await kit?.stop();
});

describe('profile', () => {
  it('reads and changes the caller’s own profile, announcing what changed', async () => {
    const bea = await person('bea@example.com');
    const read = await kit.send('GET', '/api/v1/users/me', undefined, bea.auth);
    expect(read.body).toMatchObject({ id: bea.id, email: 'bea@example.com', name: 'bea' });
    const changed = await kit.send(
      'PATCH',
      '/api/v1/users/me',
      { name: 'Bea Arthur', locale: 'fr-FR' },
      bea.auth,
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Bea Arthur', locale: 'fr-FR' });
    const events = await outboxOf(bea.id);
    expect(events.map((e) => e.type)).toEqual(['user.registered', 'user.updated']);
    expect(events[1]!.data).toMatchObject({
      changed: ['name', 'locale'],
      name: 'Bea Arthur',
      locale: 'fr-FR',
    });
    const unchanged = await kit.send('PATCH', '/api/v1/users/me', { name: 'Bea Arthur' }, bea.auth);
    expect(unchanged.status).toBe(200);
    expect(await outboxOf(bea.id)).toHaveLength(2);
    expect((await kit.send('PATCH', '/api/v1/users/me', {}, bea.auth)).status).toBe(400);
    expect((await kit.send('PATCH', '/api/v1/users/me', { roles: ['admin'] }, bea.auth)).status).toBe(400);
    expect((await kit.send('PATCH', '/api/v1/users/me', { email: 'x@example.com' }, bea.auth)).status).toBe(
      400,
    );
    expect((await kit.send('GET', '/api/v1/users/me')).status).toBe(401);
  });

  it('changes the password only with the current one, and then ends every session', async () => {
    const cleo = await person('cleo@example.com', 'first good password');
    const noCurrent = await kit.send(
      'PATCH',
      '/api/v1/users/me',
      { password: 'second good password' },
      cleo.auth,
    );
    expect(noCurrent.status).toBe(403);
    expect(noCurrent.body.code).toBe('WRONG_CURRENT_PASSWORD');
    const wrong = await kit.send(
      'PATCH',
      '/api/v1/users/me',
      { password: 'second good password', currentPassword: 'not it at all' },
      cleo.auth,
    );
    expect(wrong.body.code).toBe('WRONG_CURRENT_PASSWORD');
    const changed = await kit.send(
      'PATCH',
      '/api/v1/users/me',
      { password: 'second good password', currentPassword: 'first good password' },
      cleo.auth,
    );
    expect(changed.status).toBe(200);
    expect((await kit.login('cleo@example.com', 'first good password')).status).toBe(401);
    expect((await kit.login('cleo@example.com', 'second good password')).status).toBe(200);
    expect((await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: cleo.refreshToken })).status).toBe(
      401,
    );
  });

  it('keeps user A away from user B’s profile, roles and admin routes', async () => {
    const a = await person('a@example.com');
    const b = await person('b@example.com');
    expect((await kit.send('GET', `/api/v1/users/${a.id}`, undefined, a.auth)).status).toBe(200);
    const read = await kit.send('GET', `/api/v1/users/${b.id}`, undefined, a.auth);
    expect(read.status).toBe(403);
    expect(read.body.code).toBe('FORBIDDEN');
    const roles = await kit.send('PUT', `/api/v1/users/${b.id}/roles`, { roles: ['customer'] }, a.auth);
    expect(roles.status).toBe(403);
    const own = await kit.send('PUT', `/api/v1/users/${a.id}/roles`, { roles: ['admin'] }, a.auth);
    expect(own.status).toBe(403);
    for (const [method, path, body] of [
      ['GET', '/api/v1/users', undefined],
      ['GET', '/api/v1/roles', undefined],
      ['POST', '/api/v1/roles', { name: 'x', permissions: [] }],
      ['POST', '/api/v1/api-keys', { name: 'x', scopes: ['inventory:read'] }],
      ['GET', '/api/v1/api-keys', undefined],
      ['POST', '/api/v1/auth/keys/rotate', undefined],
    ] as const) {
      const response = await kit.send(method, path, body, a.auth);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await kit.send('GET', '/api/v1/users/me', undefined, b.auth)).body.roles).toEqual(['customer']);
  });

  it('deletes the account: personal data anonymised, tokens refused at once, user.deleted announced', async () => {
    const dora = await person('dora@example.com');
    const refresh = dora.refreshToken;
    expect((await kit.send('DELETE', '/api/v1/users/me', undefined, dora.auth)).status).toBe(204);
    // The access token is still signed and unexpired, but this service checks the account on every request.
    const me = await kit.send('GET', '/api/v1/users/me', undefined, dora.auth);
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('UNAUTHENTICATED');
    expect((await kit.send('PATCH', '/api/v1/users/me', { name: 'Back' }, dora.auth)).status).toBe(401);
    expect((await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: refresh })).status).toBe(401);
    expect((await kit.login('dora@example.com', 'correct horse battery')).body.code).toBe(
      'INVALID_CREDENTIALS',
    );
    const row = (await kit.send('GET', `/api/v1/users/${dora.id}`, undefined, admin)).body;
    expect(row).toMatchObject({ status: 'deleted', name: '', roles: [], emailVerifiedAt: null });
    expect(row.email).toBe(`deleted-${dora.id}@deleted.invalid`);
    const stored = await kit.database.pool.query(`select password_hash from "user".users where id = $1`, [
      dora.id,
    ]);
    expect(stored.rows[0].password_hash).toBeNull();
    const events = await outboxOf(dora.id);
    expect(events.at(-1)).toEqual({
      type: 'user.deleted',
      data: { userId: dora.id, deletedAt: expect.any(String) },
    });
    expect(JSON.stringify(events.at(-1))).not.toContain('dora@');
    // The address is free again.
    expect((await kit.register('dora@example.com')).status).toBe(201);
  });
});

describe('password reset', () => {
  async function resetLinkOf(userId: string): Promise<string> {
    const event = (await outboxOf(userId)).filter((e) => e.type === 'user.password_reset_requested').at(-1)!;
    expect(Date.parse(String(event.data.expiresAt)) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    return new URL(String(event.data.resetUrl)).searchParams.get('token')!;
  }

  it('answers 202 for any email, emails a single-use link, and ends sessions on confirm', async () => {
    const eve = await person('eve@example.com', 'old good password');
    expect(
      (await kit.send('POST', '/api/v1/auth/password-reset', { email: 'nobody@example.com' })).status,
    ).toBe(202);
    expect((await kit.send('POST', '/api/v1/auth/password-reset', { email: 'EVE@example.com' })).status).toBe(
      202,
    );
    const token = await resetLinkOf(eve.id);
    const weak = await kit.send('POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'aaaaaaaaaaaa',
    });
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    const confirmed = await kit.send('POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'new good password',
    });
    expect(confirmed.status).toBe(204);
    const again = await kit.send('POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'another new password',
    });
    expect(again.body.code).toBe('INVALID_LINK_TOKEN');
    expect((await kit.login('eve@example.com', 'old good password')).status).toBe(401);
    expect((await kit.login('eve@example.com', 'new good password')).status).toBe(200);
    expect((await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: eve.refreshToken })).status).toBe(
      401,
    );
    const updated = (await outboxOf(eve.id)).at(-1)!;
    expect(updated).toMatchObject({ type: 'user.updated', data: { changed: ['password'] } });
  });

  it('refuses an expired link and an older link once a newer one was sent', async () => {
    const finn = await person('finn@example.com');
    await kit.send('POST', '/api/v1/auth/password-reset', { email: 'finn@example.com' });
    const older = await resetLinkOf(finn.id);
    await kit.send('POST', '/api/v1/auth/password-reset', { email: 'finn@example.com' });
    const newer = await resetLinkOf(finn.id);
    const body = (token: string) => ({ token, password: 'brand new password' });
    expect((await kit.send('POST', '/api/v1/auth/password-reset/confirm', body(older))).status).toBe(400);
    await kit.database.pool.query(
      `update "user".one_time_tokens set expires_at = now() - interval '1 second' where user_id = $1`,
      [finn.id],
    );
    expect((await kit.send('POST', '/api/v1/auth/password-reset/confirm', body(newer))).status).toBe(400);
  });
});

describe('roles (admin)', () => {
  it('creates a custom role whose permissions reach the holder’s next token', async () => {
    const listed = await kit.send('GET', '/api/v1/roles', undefined, admin);
    expect(listed.body.items.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['customer', 'admin', 'support', 'catalog_manager']),
    );
    const created = await kit.send(
      'POST',
      '/api/v1/roles',
      {
        name: 'warehouse_clerk',
        description: 'counts stock',
        permissions: ['inventory:write', 'inventory:read'],
      },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: 'warehouse_clerk',
      description: 'counts stock',
      permissions: ['inventory:read', 'inventory:write'],
      builtIn: false,
    });
    expect(
      (await kit.send('POST', '/api/v1/roles', { name: 'admin', permissions: [] }, admin)).body.code,
    ).toBe('ROLE_EXISTS');
    expect(
      (await kit.send('POST', '/api/v1/roles', { name: 'root', permissions: ['everything:all'] }, admin)).body
        .code,
    ).toBe('UNKNOWN_PERMISSION');

    const gus = await person('gus@example.com');
    const granted = await kit.send(
      'PUT',
      `/api/v1/users/${gus.id}/roles`,
      { roles: ['warehouse_clerk'] },
      admin,
    );
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toEqual(['warehouse_clerk']);
    const token = (await kit.login('gus@example.com', 'correct horse battery')).body.accessToken;
    expect(claimsOf(token)).toMatchObject({
      roles: ['warehouse_clerk'],
      perms: ['inventory:read', 'inventory:write'],
    });
    expect((await outboxOf(gus.id)).at(-1)).toMatchObject({
      type: 'user.updated',
      data: { changed: ['roles'] },
    });

    const unknown = await kit.send('PUT', `/api/v1/users/${gus.id}/roles`, { roles: ['wizard'] }, admin);
    expect(unknown.body.code).toBe('UNKNOWN_ROLE');
    expect((await kit.send('DELETE', '/api/v1/roles/warehouse_clerk', undefined, admin)).body.code).toBe(
      'ROLE_IN_USE',
    );
    await kit.send('PUT', `/api/v1/users/${gus.id}/roles`, { roles: ['customer'] }, admin);
    expect((await kit.send('DELETE', '/api/v1/roles/warehouse_clerk', undefined, admin)).status).toBe(204);
  });

  it('lets no one grant more than they hold, and keeps the last admin', async () => {
    const sam = await person('sam@example.com');
    await kit.send(
      'POST',
      '/api/v1/roles',
      { name: 'user_admin', permissions: ['users:read:any', 'users:write:any'] },
      admin,
    );
    expect(
      (await kit.send('PUT', `/api/v1/users/${sam.id}/roles`, { roles: ['user_admin'] }, admin)).status,
    ).toBe(200);
    const userAdmin = await kit.bearerOf('sam@example.com', 'correct horse battery');
    const victim = await person('vic@example.com');
    const escalate = await kit.send(
      'PUT',
      `/api/v1/users/${victim.id}/roles`,
      { roles: ['admin'] },
      userAdmin,
    );
    expect(escalate.status).toBe(403);
    expect(escalate.body.code).toBe('GRANT_BEYOND_OWN');
    const self = await kit.send('PUT', `/api/v1/users/${sam.id}/roles`, { roles: ['admin'] }, userAdmin);
    expect(self.body.code).toBe('GRANT_BEYOND_OWN');
    const fine = await kit.send(
      'PUT',
      `/api/v1/users/${victim.id}/roles`,
      { roles: ['user_admin'] },
      userAdmin,
    );
    expect(fine.status).toBe(200);

    const adminId = (await kit.send('GET', '/api/v1/users/me', undefined, admin)).body.id;
    const demote = await kit.send('PUT', `/api/v1/users/${adminId}/roles`, { roles: ['customer'] }, admin);
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('LAST_ADMIN');
    expect((await kit.send('DELETE', '/api/v1/users/me', undefined, admin)).body.code).toBe('LAST_ADMIN');
    expect((await kit.login(demoAccounts.admin.email, demoAccounts.admin.password)).status).toBe(200);
  });
});
