import { createJwtVerifier } from '@emporium/platform/auth/jwt-verifier';
import { createStaticLocator } from '@emporium/platform/discovery/static-locator';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSigningKey, signWith } from './support/real-key.js';
import { claimsOf, demoAccounts, headerOf, startUserKit, type UserKit } from './support/user-test-kit.js';

let kit: UserKit;
let ada: { id: string; accessToken: string; refreshToken: string };

/** The verifier every other service runs, pointed at this user service through discovery. */
const platformVerifier = () =>
  createJwtVerifier({
    issuer: 'emporium',
    audience: 'emporium-api',
    locator: createStaticLocator(new Map([['user', [kit.service.url]]])),
  });

const me = (authorization: string) => kit.send('GET', '/api/v1/users/me', undefined, { authorization });

beforeAll(async () => {
  // No key cache: a test that moves a key's retirement into the past sees the JWKS change at once.
  kit = await startUserKit({ SIGNING_KEY_CACHE_SECONDS: '0' });
  const registered = await kit.register('ada@example.com', 'correct horse battery', 'Ada');
  ada = { id: registered.body.user.id, ...registered.body };
}, 120_000); // boots PGlite, migrates, seeds and signs in: slow on a loaded machine
afterAll(async () => {
  await kit?.stop();
});

describe('access tokens', () => {
  it('signs EdDSA tokens the platform verifier accepts, with the claims every service reads', async () => {
    const login = await kit.login('ADA@example.com', 'correct horse battery');
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const token: string = login.body.accessToken;
    expect(headerOf(token)).toMatchObject({ alg: 'EdDSA', kid: expect.any(String) });
    const claims = claimsOf(token);
    expect(claims).toMatchObject({
      iss: 'emporium',
      aud: 'emporium-api',
      sub: ada.id,
      email: 'ada@example.com',
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    await expect(platformVerifier()(token)).resolves.toEqual({
      kind: 'user',
      subject: ada.id,
      roles: ['customer'],
      permissions: [],
      email: 'ada@example.com',
      expiresAtMs: Number(claims.exp) * 1000,
    });
    const admin = await kit.adminBearer();
    const adminPrincipal = await platformVerifier()(admin.authorization.slice(7));
    expect(adminPrincipal.permissions).toEqual(expect.arrayContaining(['users:write:any', 'roles:write']));
    expect((await me(`Bearer ${token}`)).body).toMatchObject({ id: ada.id, email: 'ada@example.com' });
  });

  it('publishes only public keys in the JWKS', async () => {
    const jwks = await kit.send('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys.length).toBeGreaterThanOrEqual(1);
    for (const key of jwks.body.keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
    const stored = await kit.database.pool.query(`select private_key_ciphertext from "user".signing_keys`);
    for (const row of stored.rows) expect(row.private_key_ciphertext).toMatch(/^v1\./);
  });

  it('refuses alg none, a token signed by another key, expired, wrong audience, wrong issuer and tampered tokens', async () => {
    const real = await currentSigningKey(kit.database.pool);
    // The control: the same forging code with nothing wrong is accepted, so each refusal below is about its one flaw.
    expect((await me(`Bearer ${await signWith(real, { sub: ada.id })}`)).status).toBe(200);

    const none = new UnsecuredJWT({ roles: ['admin'], perms: ['users:read:any'] })
      .setSubject(ada.id)
      .setIssuer('emporium')
      .setAudience('emporium-api')
      .setExpirationTime('15m')
      .encode();
    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const otherKey = await new SignJWT({ roles: ['customer'], perms: [] })
      .setProtectedHeader({ alg: 'EdDSA', kid: real.kid })
      .setSubject(ada.id)
      .setIssuer('emporium')
      .setAudience('emporium-api')
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(stranger.privateKey);
    const expired = await signWith(real, { sub: ada.id, exp: Math.floor(Date.now() / 1000) - 600 });
    const wrongAudience = await signWith(real, { sub: ada.id, aud: 'another-api' });
    const wrongIssuer = await signWith(real, { sub: ada.id, iss: 'evil' });
    const [header, payload, signature] = ada.accessToken.split('.');
    const raised = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), roles: ['admin'] };
    const tampered = `${header}.${Buffer.from(JSON.stringify(raised)).toString('base64url')}.${signature}`;

    const attacks = { none, otherKey, expired, wrongAudience, wrongIssuer, tampered };
    for (const [name, token] of Object.entries(attacks)) {
      const response = await me(`Bearer ${token}`);
      expect(response.status, name).toBe(401);
      expect(response.body.code, name).toBe('UNAUTHENTICATED');
      await expect(platformVerifier()(token), name).rejects.toThrow();
    }
    const asAdmin = await kit.send('GET', '/api/v1/users', undefined, {
      authorization: `Bearer ${tampered}`,
    });
    expect(asAdmin.status).toBe(401);
  });

  it('keeps tokens of the previous key valid after a rotation, and retires the key once they have expired', async () => {
    const before = await kit.login('ada@example.com', 'correct horse battery');
    const oldKid = headerOf(before.body.accessToken).kid;
    const customer = await kit.bearerOf(demoAccounts.customer.email, demoAccounts.customer.password);
    const refused = await kit.send('POST', '/api/v1/auth/keys/rotate', undefined, customer);
    expect(refused.status).toBe(403);

    const rotated = await kit.send('POST', '/api/v1/auth/keys/rotate', undefined, await kit.adminBearer());
    expect(rotated.status).toBe(200);
    expect(rotated.body.kid).not.toBe(oldKid);
    const kids = (await kit.send('GET', '/.well-known/jwks.json')).body.keys.map(
      (k: { kid: string }) => k.kid,
    );
    expect(kids).toEqual(expect.arrayContaining([oldKid, rotated.body.kid]));

    // A verifier that fetched the JWKS before the rotation and one that fetches after both accept the old token.
    const verifier = platformVerifier();
    await verifier(before.body.accessToken);
    const after = await kit.login('ada@example.com', 'correct horse battery');
    expect(headerOf(after.body.accessToken).kid).toBe(rotated.body.kid);
    await expect(platformVerifier()(before.body.accessToken)).resolves.toMatchObject({ subject: ada.id });
    expect((await me(`Bearer ${before.body.accessToken}`)).status).toBe(200);
    expect((await me(`Bearer ${after.body.accessToken}`)).status).toBe(200);

    // Once the retirement is older than token lifetime + skew, the old key leaves the JWKS.
    await kit.database.pool.query(
      `update "user".signing_keys set retired_at = now() - interval '17 minutes' where kid = $1`,
      [oldKid],
    );
    const later = (await kit.send('GET', '/.well-known/jwks.json')).body.keys.map(
      (k: { kid: string }) => k.kid,
    );
    expect(later).toEqual([rotated.body.kid]);
    await expect(platformVerifier()(before.body.accessToken)).rejects.toThrow();
  });
});

describe('refresh tokens', () => {
  it('rotates on every use: the new pair works, the old refresh token does not', async () => {
    const login = await kit.login('ada@example.com', 'correct horse battery');
    const first = await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.body.refreshToken).not.toBe(login.body.refreshToken);
    expect((await me(`Bearer ${first.body.accessToken}`)).status).toBe(200);
    const second = await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    const stored = await kit.database.pool.query(`select token_hash from "user".refresh_tokens`);
    const hashes = stored.rows.map((r) => r.token_hash);
    expect(hashes.every((h: string) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(hashes).not.toContain(second.body.refreshToken);
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    const login = await kit.login('ada@example.com', 'correct horse battery');
    const stolen = login.body.refreshToken;
    const legit = await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: stolen });
    expect(legit.status).toBe(200);
    const replay = await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: stolen });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_REFRESH_TOKEN');
    // The legitimate holder's newer token died with the family.
    const next = await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: legit.body.refreshToken });
    expect(next.status).toBe(401);
    // Another sign-in (another family) is untouched.
    const other = await kit.login('ada@example.com', 'correct horse battery');
    expect(
      (await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: other.body.refreshToken })).status,
    ).toBe(200);
    const metrics = (await kit.send('GET', '/metrics')).text;
    expect(metrics).toMatch(/user_refresh_token_reuse_total\{service="user"\} 1/);
  });

  it('ends the session on logout; unknown and malformed tokens are refused', async () => {
    const login = await kit.login('ada@example.com', 'correct horse battery');
    const refreshed = await kit.send('POST', '/api/v1/auth/refresh', {
      refreshToken: login.body.refreshToken,
    });
    const logout = await kit.send('POST', '/api/v1/auth/logout', {
      refreshToken: refreshed.body.refreshToken,
    });
    expect(logout.status).toBe(204);
    expect(
      (await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: refreshed.body.refreshToken })).status,
    ).toBe(401);
    expect(
      (await kit.send('POST', '/api/v1/auth/logout', { refreshToken: refreshed.body.refreshToken })).status,
    ).toBe(204);
    const unknown = await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: `rt_${'A'.repeat(43)}` });
    expect(unknown.body.code).toBe('INVALID_REFRESH_TOKEN');
    const malformed = await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: 'nope' });
    expect(malformed.status).toBe(400);
  });

  it('refuses an expired refresh token', async () => {
    const login = await kit.login('ada@example.com', 'correct horse battery');
    await kit.database.pool.query(
      `update "user".refresh_tokens set expires_at = now() - interval '1 second' where rotated_at is null and revoked_at is null`,
    );
    const response = await kit.send('POST', '/api/v1/auth/refresh', {
      refreshToken: login.body.refreshToken,
    });
    expect(response.status).toBe(401);
  });
});

describe('password login', () => {
  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await kit.login('ada@example.com', 'not the password');
    const unknown = await kit.login('nobody@example.com', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('spends the same argon2 work on an unknown email as on a known one', async () => {
    const time = async (email: string) => {
      const started = performance.now();
      await kit.login(email, 'not the password');
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      known.push(await time('ada@example.com'));
      unknown.push(await time(`ghost${i}@example.com`));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    // Without the dummy hash an unknown email answers in ~1 ms against ~30 ms or more for argon2.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});
