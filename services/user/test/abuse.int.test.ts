import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomClientAddress, startUserKit, type UserKit } from './support/user-test-kit.js';

let kit: UserKit;
let admin: { authorization: string };
/** Unique per run: with REDIS_URL the throttling counters outlive the suite. */
const run = Date.now().toString(36);
const maxPerIp = 60;

beforeAll(async () => {
  kit = await startUserKit({ LOGIN_MAX_FAILURES_PER_IP: String(maxPerIp) });
  admin = await kit.adminBearer();
}, 120_000); // boots PGlite, migrates, seeds and signs in: slow on a loaded machine
afterAll(async () => {
  await kit?.stop();
});

/** Sends `count` requests, a few at a time, returning their statuses in order. */
async function repeat(count: number, send: (i: number) => Promise<{ status: number }>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 5) {
    const batch = Array.from({ length: Math.min(5, count - i) }, (_, j) => send(i + j));
    statuses.push(...(await Promise.all(batch)).map((r) => r.status));
  }
  return statuses;
}

describe('login throttling', () => {
  it('answers 429 with Retry-After after 50 wrong passwords in a row, even to the right one', async () => {
    const email = `target-${run}@example.com`;
    expect((await kit.register(email, 'the right password')).status).toBe(201);
    const from = httpClient(kit.service.url, { 'x-forwarded-for': randomClientAddress() });
    const login = (password: string) => from('POST', '/api/v1/auth/login', { email, password });
    const wrong = await repeat(50, (i) => login(`wrong password ${i}`));
    expect(wrong.every((status) => status === 401)).toBe(true);
    const held = await login('the right password');
    expect(held.status).toBe(429);
    expect(held.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(held.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(held.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Per account: another address does not help the attacker...
    const elsewhere = httpClient(kit.service.url, { 'x-forwarded-for': randomClientAddress() });
    expect(
      (await elsewhere('POST', '/api/v1/auth/login', { email, password: 'the right password' })).status,
    ).toBe(429);
    // ...and other accounts on the same address are not locked out.
    const bystander = `bystander-${run}@example.com`;
    await kit.register(bystander, 'bystander password');
    expect(
      (await from('POST', '/api/v1/auth/login', { email: bystander, password: 'bystander password' })).status,
    ).toBe(200);
    const metrics = (await kit.send('GET', '/metrics')).text;
    expect(metrics).toMatch(/user_logins_total\{[^}]*outcome="throttled"[^}]*\} [1-9]/);
  });

  it('answers 429 to an address that failed too often across many accounts, unknown ones included', async () => {
    // The client writes what it likes before the gateway's entry; only the rightmost one (the gateway's) counts.
    const address = randomClientAddress();
    const attacker = (method: string, path: string, body: unknown) =>
      kit.send(method, path, body, { 'x-forwarded-for': `${randomClientAddress()}, ${address}` });
    const statuses = await repeat(maxPerIp, (i) =>
      attacker('POST', '/api/v1/auth/login', {
        email: `guess${i}-${run}@example.com`,
        password: 'password guess',
      }),
    );
    expect(statuses.every((status) => status === 401)).toBe(true);
    const victim = `victim-${run}@example.com`;
    await kit.register(victim, 'victim password 1');
    const held = await attacker('POST', '/api/v1/auth/login', {
      email: victim,
      password: 'victim password 1',
    });
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toMatch(/^\d+$/);
    const owner = httpClient(kit.service.url, { 'x-forwarded-for': randomClientAddress() });
    expect(
      (await owner('POST', '/api/v1/auth/login', { email: victim, password: 'victim password 1' })).status,
    ).toBe(200);
  });
});

const injections = [
  "' OR '1'='1",
  '\'; DROP TABLE "user".users; --',
  '" OR ""="',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.cookie)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent literally
  '${7*7}{{7*7}}<%= 7*7 %>',
  '../../../../etc/passwd',
  'a\u0000b',
  '\u202e\u0000\u0007',
  '🔑'.repeat(300),
  'x'.repeat(5000),
];

describe('injection strings in every text field of the auth routes', () => {
  it('get a 4xx or are stored inertly, never a 500', async () => {
    const user = await kit.register(`inert-${run}@example.com`, 'inert password 1', 'Inert');
    const auth = { authorization: `Bearer ${user.body.accessToken}` };
    const statuses: Array<[string, number]> = [];
    const call = async (label: string, method: string, path: string, body: unknown, headers = {}) => {
      const response = await kit.send(method, path, body, headers);
      statuses.push([label, response.status]);
      return response;
    };
    for (const [n, evil] of injections.entries()) {
      await call('register.email', 'POST', '/api/v1/auth/register', {
        email: evil,
        password: 'p'.repeat(12),
        name: 'x',
      });
      await call('register.email@', 'POST', '/api/v1/auth/register', {
        email: `${evil.slice(0, 40)}@example.com`,
        password: 'p'.repeat(12),
        name: 'x',
      });
      await call('register.password', 'POST', '/api/v1/auth/register', {
        email: `pw${n}-${run}@example.com`,
        password: evil,
        name: 'x',
      });
      await call('register.name', 'POST', '/api/v1/auth/register', {
        email: `name${n}-${run}@example.com`,
        password: 'correct horse battery',
        name: evil,
      });
      await call('register.locale', 'POST', '/api/v1/auth/register', {
        email: `loc${n}-${run}@example.com`,
        password: 'correct horse battery',
        name: 'x',
        locale: evil,
      });
      await call('login.email', 'POST', '/api/v1/auth/login', { email: evil, password: 'whatever' });
      await call('login.password', 'POST', '/api/v1/auth/login', {
        email: `inert-${run}@example.com`,
        password: evil,
      });
      await call('refresh', 'POST', '/api/v1/auth/refresh', { refreshToken: evil });
      await call('logout', 'POST', '/api/v1/auth/logout', { refreshToken: evil });
      await call('verify-email', 'POST', '/api/v1/auth/verify-email', { token: evil });
      await call('reset.email', 'POST', '/api/v1/auth/password-reset', { email: evil });
      await call('reset.confirm', 'POST', '/api/v1/auth/password-reset/confirm', {
        token: evil,
        password: evil,
      });
      await call('me.name', 'PATCH', '/api/v1/users/me', { name: evil }, auth);
      await call('me.locale', 'PATCH', '/api/v1/users/me', { locale: evil }, auth);
      await call('me.password', 'PATCH', '/api/v1/users/me', { password: evil, currentPassword: evil }, auth);
      await call('roles.name', 'POST', '/api/v1/roles', { name: evil, permissions: [] }, admin);
      await call(
        'roles.description',
        'POST',
        '/api/v1/roles',
        { name: `r${n}`, description: evil, permissions: [] },
        admin,
      );
      await call('roles.permission', 'POST', '/api/v1/roles', { name: `p${n}`, permissions: [evil] }, admin);
      await call(
        'api-keys.name',
        'POST',
        '/api/v1/api-keys',
        { name: evil, scopes: ['inventory:read'] },
        admin,
      );
      await call('api-keys.scope', 'POST', '/api/v1/api-keys', { name: 'k', scopes: [evil] }, admin);
      await call('introspect', 'POST', '/internal/api-keys/introspect', { key: evil });
      await call('users.role', 'GET', `/api/v1/users?role=${encodeURIComponent(evil)}`, undefined, admin);
      await call('oauth.provider', 'GET', `/api/v1/auth/oauth/${encodeURIComponent(evil)}/start`, undefined);
      await call(
        'oauth.state',
        'GET',
        `/api/v1/auth/oauth/oidc/callback?state=${encodeURIComponent(evil)}`,
        undefined,
      );
      // Headers cannot carry control characters at all: those strings stop at the HTTP client.
      if (/^[\x20-\x7e]*$/.test(evil)) {
        await call('bearer', 'GET', '/api/v1/users/me', undefined, { authorization: `Bearer ${evil}` });
        await call('api-key', 'GET', '/api/v1/users/me', undefined, { 'x-api-key': evil });
      }
    }
    const serverErrors = statuses.filter(([, status]) => status >= 500);
    expect(serverErrors).toEqual([]);
    expect(statuses.every(([, status]) => status < 500)).toBe(true);

    // What was accepted is stored and returned exactly as sent, as JSON data, never interpreted.
    const script = injections[3]!;
    expect((await kit.send('PATCH', '/api/v1/users/me', { name: script }, auth)).status).toBe(200);
    const me = await kit.send('GET', '/api/v1/users/me', undefined, auth);
    expect(me.headers.get('content-type')).toMatch(/^application\/json/);
    expect(me.body.name).toBe(script);
    const sql = injections[1]!;
    expect((await kit.send('PATCH', '/api/v1/users/me', { name: sql }, auth)).body.name).toBe(sql);
    const count = await kit.database.pool.query(`select count(*)::int as n from "user".users`);
    expect(count.rows[0].n).toBeGreaterThan(3);
    expect((await kit.login(`inert-${run}@example.com`, 'inert password 1')).status).toBe(200);
  }, 180_000); // dozens of argon2 hashes: minutes on a loaded 2-core machine, seconds on a quiet one
});
