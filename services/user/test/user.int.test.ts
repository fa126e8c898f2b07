import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { createDatabase, type Database } from '@emporium/platform/db/database';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { parseOptions, verify } from '@node-rs/argon2';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema.js';
import { findPasswordHash, findUserByEmail, insertUser } from '../src/db/users.repo.js';
import { userService } from '../src/service.js';

let service: TestService;
let database: Database<typeof schema>;
let send: ReturnType<typeof httpClient>;

beforeAll(async () => {
  service = await startTestService(userService);
  database = createDatabase({ url: service.database!.url, poolMax: 2, applicationName: 'user-test' }, schema);
  send = httpClient(service.url);
});
afterAll(async () => {
  await database?.close();
  await service?.stop();
});

const register = (email: string, password = 'correct horse battery', name = 'Test User') =>
  send('POST', '/api/v1/auth/register', { email, password, name });

describe(`user service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database', async () => {
    const response = await send('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toContain('database');
  });

  it('registers a customer and never shows the password hash', async () => {
    const response = await register('Ada@Example.com', 'correct horse battery', 'Ada Lovelace');
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      roles: ['customer'],
      status: 'active',
      emailVerifiedAt: null,
    });
    expect(response.text).not.toMatch(/argon2|password/i);
    const fetched = await send('GET', `/api/v1/users/${response.body.user.id}`);
    expect(fetched.body).toEqual(response.body.user);
    expect(fetched.text).not.toMatch(/argon2|password/i);
  });

  it('stores an argon2id hash with the OWASP parameters that verifies the password', async () => {
    const hash = await findPasswordHash(database.db, 'ada@example.com');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parseOptions(hash!)).toMatchObject({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(await verify(hash!, 'correct horse battery')).toBe(true);
    expect(await verify(hash!, 'correct horse batterY')).toBe(false);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const response = await register('ADA@example.COM', 'another good password');
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('EMAIL_TAKEN');
  });

  it('refuses weak passwords and bad input with a 400 problem, creating nothing', async () => {
    const short = await register('short@example.com', 'tooshort');
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('VALIDATION_FAILED');
    const repeated = await register('repeat@example.com', 'aaaaaaaaaaaaaa');
    expect(repeated.status).toBe(400);
    expect(repeated.body.code).toBe('WEAK_PASSWORD');
    const own = await register('grace.hopper@example.com', 'Grace.Hopper@example.com', 'Grace');
    expect(own.body.code).toBe('WEAK_PASSWORD');
    const long = await register('long@example.com', 'x'.repeat(201));
    expect(long.body.code).toBe('VALIDATION_FAILED');
    const notEmail = await register('not-an-email', 'correct horse battery');
    expect(notEmail.body.code).toBe('VALIDATION_FAILED');
    const withRole = await send('POST', '/api/v1/auth/register', {
      email: 'sneaky@example.com',
      password: 'correct horse battery',
      name: 'Sneaky',
      roles: ['admin'],
    });
    expect(withRole.status).toBe(400);
    for (const email of ['short@', 'repeat@', 'grace.hopper@', 'long@', 'sneaky@']) {
      expect(await findUserByEmail(database.db, `${email}example.com`)).toBeUndefined();
    }
  });

  it('pages through users newest first with a keyset cursor, filtered by role', async () => {
    for (let i = 0; i < 5; i += 1) expect((await register(`page${i}@example.com`)).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/users?limit=2&role=customer${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await send('GET', query);
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
      'ada@example.com',
    ]);
    expect((await send('GET', '/api/v1/users?role=admin')).body).toEqual({ items: [], nextCursor: null });
  });

  it('pages without losing or repeating accounts that share a creation instant', async () => {
    const ids: string[] = [];
    for (const email of ['tie1@example.com', 'tie2@example.com', 'tie3@example.com']) {
      const user = await insertUser(database.db, {
        email,
        passwordHash: null,
        name: 'Tie',
        roles: ['tester'],
      });
      ids.push(user!.id);
    }
    await database.db
      .update(schema.users)
      .set({ createdAt: new Date('2030-01-01T00:00:00.000Z') })
      .where(inArray(schema.users.id, ids));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await send('GET', `/api/v1/users?role=tester&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((u: { id: string }) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort().reverse());
  });

  it('refuses a forged cursor, an oversized limit and unknown filters', async () => {
    expect((await send('GET', '/api/v1/users?cursor=bm90LWEtY3Vyc29y')).body.code).toBe('VALIDATION_FAILED');
    expect((await send('GET', '/api/v1/users?limit=1000')).status).toBe(400);
    expect((await send('GET', '/api/v1/users?password=x')).status).toBe(400);
    expect((await send('GET', '/api/v1/users/not-a-uuid')).status).toBe(400);
    const missing = await send('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('USER_NOT_FOUND');
  });

  it('seeds the demo admin and customer once, verified, whatever the number of starts', async () => {
    const demo = {
      accounts: {
        admin: { email: 'Admin@Emporium.test', password: 'admin password 1', name: 'Admin' },
        customer: { email: 'customer@emporium.test', password: 'customer password 1', name: 'Casey' },
      },
    } as DemoData;
    const messages: string[] = [];
    await service.instance.seedDemo!(demo, (message) => messages.push(message));
    const admin = await findUserByEmail(database.db, 'admin@emporium.test');
    expect(admin).toMatchObject({ roles: ['admin'], status: 'active' });
    expect(admin!.emailVerifiedAt).toBeInstanceOf(Date);
    const hash = await findPasswordHash(database.db, 'admin@emporium.test');
    expect(await verify(hash!, 'admin password 1')).toBe(true);

    await service.instance.seedDemo!(
      { accounts: { ...demo.accounts, admin: { ...demo.accounts.admin, password: 'changed password' } } },
      (message) => messages.push(message),
    );
    expect(await findUserByEmail(database.db, 'admin@emporium.test')).toEqual(admin);
    expect(await findPasswordHash(database.db, 'admin@emporium.test')).toBe(hash);
    expect(messages).toEqual([
      'user: 2 demo accounts created, 0 already there',
      'user: 0 demo accounts created, 2 already there',
    ]);
    const admins = await send('GET', '/api/v1/users?role=admin');
    expect(admins.body.items.map((u: { email: string }) => u.email)).toEqual(['admin@emporium.test']);
  });

  it('counts registrations and exposes its OpenAPI document', async () => {
    const metrics = (await send('GET', '/metrics')).text;
    expect(metrics).toMatch(/users_registered_total\{service="user"\} 6/);
    const openapi = (await send('GET', '/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/register', '/api/v1/users', '/api/v1/users/{id}']),
    );
  });
});
