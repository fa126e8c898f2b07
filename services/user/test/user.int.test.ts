import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { parseOptions, verify } from '@node-rs/argon2';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema.js';
import { findPasswordHash, findUserByEmail, insertUser } from '../src/db/users.repo.js';
import { claimsOf, demoAccounts, startUserKit, type UserKit } from './support/user-test-kit.js';

let kit: UserKit;
let admin: { authorization: string };

beforeAll(async () => {
  kit = await startUserKit();
  admin = await kit.adminBearer();
}, 120_000); // boots PGlite, migrates, seeds and signs in: slow on a loaded machine
afterAll(async () => {
  await kit?.stop();
});

const asAdmin = (path: string) => kit.send('GET', path, undefined, admin);

describe(`user service registration on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database', async () => {
    const response = await kit.send('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toContain('database');
  });

  it('registers a customer, signs them in and never shows the password hash', async () => {
    const response = await kit.register('Ada@Example.com', 'correct horse battery', 'Ada Lovelace');
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body.user).toMatchObject({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      roles: ['customer'],
      status: 'active',
      emailVerifiedAt: null,
      locale: 'en',
    });
    expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(response.body.refreshToken).toMatch(/^rt_[\w-]{43}$/);
    expect(claimsOf(response.body.accessToken)).toMatchObject({
      sub: response.body.user.id,
      roles: ['customer'],
      perms: [],
      email: 'ada@example.com',
    });
    expect(response.text).not.toMatch(/argon2|password/i);
    const fetched = await asAdmin(`/api/v1/users/${response.body.user.id}`);
    expect(fetched.body).toEqual(response.body.user);
    expect(fetched.text).not.toMatch(/argon2|password/i);
  });

  it('stores an argon2id hash with the OWASP parameters that verifies the password', async () => {
    const hash = await findPasswordHash(kit.database.db, 'ada@example.com');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parseOptions(hash!)).toMatchObject({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(await verify(hash!, 'correct horse battery')).toBe(true);
    expect(await verify(hash!, 'correct horse batterY')).toBe(false);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const response = await kit.register('ADA@example.COM', 'another good password');
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('EMAIL_TAKEN');
  });

  it('ignores a role sent in the registration body: the account is a customer', async () => {
    const response = await kit.send('POST', '/api/v1/auth/register', {
      email: 'sneaky@example.com',
      password: 'correct horse battery',
      name: 'Sneaky',
      roles: ['admin'],
    });
    expect(response.status).toBe(201);
    expect(response.body.user.roles).toEqual(['customer']);
    expect(claimsOf(response.body.accessToken)).toMatchObject({ roles: ['customer'], perms: [] });
    expect((await findUserByEmail(kit.database.db, 'sneaky@example.com'))?.roles).toEqual(['customer']);
    const forbidden = await kit.send('GET', '/api/v1/users', undefined, {
      authorization: `Bearer ${response.body.accessToken}`,
    });
    expect(forbidden.status).toBe(403);
  });

  it('refuses weak passwords and bad input with a 400 problem, creating nothing', async () => {
    const short = await kit.register('short@example.com', 'tooshort');
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('VALIDATION_FAILED');
    const repeated = await kit.register('repeat@example.com', 'aaaaaaaaaaaaaa');
    expect(repeated.status).toBe(400);
    expect(repeated.body.code).toBe('WEAK_PASSWORD');
    const own = await kit.register('grace.hopper@example.com', 'Grace.Hopper@example.com', 'Grace');
    expect(own.body.code).toBe('WEAK_PASSWORD');
    const long = await kit.register('long@example.com', 'x'.repeat(201));
    expect(long.body.code).toBe('VALIDATION_FAILED');
    const notEmail = await kit.register('not-an-email', 'correct horse battery');
    expect(notEmail.body.code).toBe('VALIDATION_FAILED');
    const extra = await kit.send('POST', '/api/v1/auth/register', {
      email: 'extra@example.com',
      password: 'correct horse battery',
      name: 'Extra',
      status: 'active',
    });
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0]).toMatchObject({ property: 'status' });
    for (const email of ['short@', 'repeat@', 'grace.hopper@', 'long@', 'extra@']) {
      expect(await findUserByEmail(kit.database.db, `${email}example.com`)).toBeUndefined();
    }
  });

  it('announces the registration in the outbox with a verification link, storing only its hash', async () => {
    const { rows } = await kit.database.pool.query(
      `select o.envelope from "user".outbox o join "user".users u on u.id::text = o.aggregate_id
        where u.email = 'ada@example.com' and o.event_type = 'user.registered'`,
    );
    expect(rows).toHaveLength(1);
    const data = rows[0].envelope.data;
    expect(data).toMatchObject({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      locale: 'en',
      marketingOptIn: false,
    });
    const token = new URL(data.verificationUrl).searchParams.get('token')!;
    expect(token).toMatch(/^[\w-]{43}$/);
    const stored = await kit.database.pool.query(`select token_hash from "user".one_time_tokens`);
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(token);
    const verified = await kit.send('POST', '/api/v1/auth/verify-email', { token });
    expect(verified.status).toBe(204);
    expect((await findUserByEmail(kit.database.db, 'ada@example.com'))?.emailVerifiedAt).toBeInstanceOf(Date);
    const again = await kit.send('POST', '/api/v1/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_LINK_TOKEN');
  });

  it('pages through users newest first with a keyset cursor, filtered by role', async () => {
    for (let i = 0; i < 5; i += 1) expect((await kit.register(`page${i}@example.com`)).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/users?limit=2&role=customer${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await asAdmin(query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((u: { email: string }) => u.email));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      'page4@example.com',
      'page3@example.com',
      'page2@example.com',
      'page1@example.com',
      'page0@example.com',
      'sneaky@example.com',
      'ada@example.com',
      'customer@emporium.test',
    ]);
    expect((await asAdmin('/api/v1/users?role=support')).body).toEqual({ items: [], nextCursor: null });
  });

  it('pages without losing or repeating accounts that share a creation instant', async () => {
    const ids: string[] = [];
    for (const email of ['tie1@example.com', 'tie2@example.com', 'tie3@example.com']) {
      const user = await insertUser(kit.database.db, {
        email,
        passwordHash: null,
        name: 'Tie',
        roles: ['tester'],
      });
      ids.push(user!.id);
    }
    await kit.database.db
      .update(schema.users)
      .set({ createdAt: new Date('2030-01-01T00:00:00.000Z') })
      .where(inArray(schema.users.id, ids));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await asAdmin(`/api/v1/users?role=tester&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((u: { id: string }) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort().reverse());
  });

  it('refuses a forged cursor, an oversized limit and unknown filters', async () => {
    expect((await asAdmin('/api/v1/users?cursor=bm90LWEtY3Vyc29y')).body.code).toBe('VALIDATION_FAILED');
    expect((await asAdmin('/api/v1/users?limit=1000')).status).toBe(400);
    expect((await asAdmin('/api/v1/users?password=x')).status).toBe(400);
    expect((await asAdmin('/api/v1/users/not-a-uuid')).status).toBe(400);
    const missing = await asAdmin('/api/v1/users/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('USER_NOT_FOUND');
  });

  it('seeds the demo admin and customer once, verified, whatever the number of starts', async () => {
    const adminRow = await findUserByEmail(kit.database.db, demoAccounts.admin.email);
    expect(adminRow).toMatchObject({ roles: ['admin'], status: 'active' });
    expect(adminRow!.emailVerifiedAt).toBeInstanceOf(Date);
    const hash = await findPasswordHash(kit.database.db, demoAccounts.admin.email);
    expect(await verify(hash!, demoAccounts.admin.password)).toBe(true);
    const messages: string[] = [];
    const changed = { ...demoAccounts, admin: { ...demoAccounts.admin, password: 'changed password' } };
    await kit.service.instance.seedDemo!({ accounts: changed } as DemoData, (m) => messages.push(m));
    expect(await findUserByEmail(kit.database.db, demoAccounts.admin.email)).toEqual(adminRow);
    expect(await findPasswordHash(kit.database.db, demoAccounts.admin.email)).toBe(hash);
    expect(messages).toEqual(['user: 0 demo accounts created, 2 already there']);
    const admins = await asAdmin('/api/v1/users?role=admin');
    expect(admins.body.items.map((u: { email: string }) => u.email)).toEqual([demoAccounts.admin.email]);
  });

  it('counts registrations and sign-ins and exposes its OpenAPI document', async () => {
    const metrics = (await kit.send('GET', '/metrics')).text;
    expect(metrics).toMatch(/users_registered_total\{service="user"\} 7/);
    expect(metrics).toMatch(/user_logins_total\{[^}]*method="password"[^}]*outcome="success"[^}]*\} 1/);
    const openapi = (await kit.send('GET', '/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/users',
        '/api/v1/users/{id}',
        '/api/v1/users/me',
        '/.well-known/jwks.json',
      ]),
    );
  });
});
