import type { Json } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browse,
  freePort,
  type OidcTestProvider,
  startOidcTestProvider,
} from './support/oidc-test-provider.js';
import { startUserKit, type UserKit } from './support/user-test-kit.js';

let kit: UserKit;
let idp: OidcTestProvider;
let base: string;
const provider = 'test-idp';

beforeAll(async () => {
  // The provider must know the callback URL before the user service exists: pick its port first.
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  idp = await startOidcTestProvider(`${base}/api/v1/auth/oauth/${provider}/callback`);
  kit = await startUserKit({
    PORT: String(port),
    OAUTH_REDIRECT_BASE_URL: base,
    OAUTH_OIDC_NAME: provider,
    OAUTH_OIDC_ISSUER: idp.issuer,
    OAUTH_OIDC_CLIENT_ID: idp.clientId,
    OAUTH_OIDC_CLIENT_SECRET: idp.clientSecret,
  });
}, 120_000); // boots PGlite, migrates, seeds and signs in: slow on a loaded machine
afterAll(async () => {
  await kit?.stop();
  await idp?.close();
});

const startUrl = () => `${base}/api/v1/auth/oauth/${provider}/start`;
const isCallback = (url: URL) => url.pathname.endsWith('/callback') && url.origin === base;

/** Signs in at the provider as `accountId` and returns the user service's answer to the callback. */
async function signInAs(accountId: string) {
  idp.signInAs(accountId);
  const { response } = await browse(startUrl());
  return { status: response.status, body: (await response.json()) as Json };
}

describe('OpenID Connect sign-in against a real provider', () => {
  it('sends the browser to the provider with PKCE (S256), state and nonce, state bound by a Lax cookie', async () => {
    const response = await fetch(startUrl(), { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('redirect_uri')).toBe(`${base}/api/v1/auth/oauth/${provider}/callback`);
    const state = location.searchParams.get('state')!;
    expect(location.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toContain(`emporium_oauth_state=${state}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const stored = await kit.database.pool.query(`select state_hash, code_verifier from "user".oauth_states`);
    expect(stored.rows.map((r) => r.state_hash)).not.toContain(state);
  });

  it('creates a verified customer account on a first sign-in and returns working tokens', async () => {
    idp.accounts.set('alice-sub', { email: 'Alice@IdP.test', email_verified: true, name: 'Alice Liddell' });
    const { status, body } = await signInAs('alice-sub');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      created: true,
      tokenType: 'Bearer',
      user: { email: 'alice@idp.test', name: 'Alice Liddell', roles: ['customer'], status: 'active' },
    });
    expect(body.user.emailVerifiedAt).not.toBeNull();
    const me = await kit.send('GET', '/api/v1/users/me', undefined, {
      authorization: `Bearer ${body.accessToken}`,
    });
    expect(me.body.id).toBe(body.user.id);
    expect((await kit.send('POST', '/api/v1/auth/refresh', { refreshToken: body.refreshToken })).status).toBe(
      200,
    );
    const identity = await kit.database.pool.query(
      `select provider, subject, user_id from "user".oauth_identities`,
    );
    expect(identity.rows).toEqual([{ provider, subject: 'alice-sub', user_id: body.user.id }]);
    const event = await kit.database.pool.query(
      `select envelope from "user".outbox where aggregate_id = $1 and event_type = 'user.registered'`,
      [body.user.id],
    );
    expect(event.rows[0].envelope.data).not.toHaveProperty('verificationUrl');
    // No password was ever set: a password login cannot reach this account.
    expect((await kit.login('alice@idp.test', 'any password at all')).status).toBe(401);

    const again = await signInAs('alice-sub');
    expect(again.body).toMatchObject({ created: false, user: { id: body.user.id } });
  });

  it('links an existing account by verified email', async () => {
    const registered = await kit.register('bob@example.com', 'bob password 123', 'Bob');
    expect(registered.body.user.emailVerifiedAt).toBeNull();
    idp.accounts.set('bob-sub', { email: 'bob@example.com', email_verified: true, name: 'Robert' });
    const { status, body } = await signInAs('bob-sub');
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: false, user: { id: registered.body.user.id, name: 'Bob' } });
    expect(body.user.emailVerifiedAt).not.toBeNull();
    expect((await kit.login('bob@example.com', 'bob password 123')).status).toBe(200);
  });

  it('refuses to link or create by an email the provider did not verify', async () => {
    await kit.register('carol@example.com', 'carol password 1', 'Carol');
    idp.accounts.set('mallory-sub', { email: 'carol@example.com', email_verified: false, name: 'Mallory' });
    const { status, body } = await signInAs('mallory-sub');
    expect(status).toBe(403);
    expect(body.code).toBe('OAUTH_EMAIL_UNVERIFIED');
    const links = await kit.database.pool.query(
      `select 1 from "user".oauth_identities where subject = 'mallory-sub'`,
    );
    expect(links.rows).toHaveLength(0);
  });

  it('refuses a callback without the browser’s state cookie, a replayed one and a forged state', async () => {
    idp.accounts.set('dave-sub', { email: 'dave@idp.test', email_verified: true, name: 'Dave' });
    idp.signInAs('dave-sub');
    const { url: callback, jar } = await browse(startUrl(), { stopAt: isCallback });
    expect(callback.searchParams.get('code')).toBeTruthy();

    // A forged callback (login CSRF) arrives without the victim's cookie.
    const noCookie = await fetch(callback, { redirect: 'manual' });
    expect(noCookie.status).toBe(400);
    expect(((await noCookie.json()) as Json).code).toBe('OAUTH_FAILED');

    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state-value');
    const forgedResponse = await fetch(forged, {
      headers: { cookie: 'emporium_oauth_state=forged-state-value' },
    });
    expect(forgedResponse.status).toBe(400);

    const cookie = `emporium_oauth_state=${jar.get('emporium_oauth_state')}`;
    const genuine = await fetch(callback, { headers: { cookie } });
    expect(genuine.status).toBe(200);
    expect(((await genuine.json()) as Json).user.email).toBe('dave@idp.test');
    expect(genuine.headers.get('set-cookie')).toMatch(/emporium_oauth_state=;/);

    const replay = await fetch(callback, { headers: { cookie } });
    expect(replay.status).toBe(400);
  });

  it('answers 404 for a provider that is not configured, and an error from the provider with 400', async () => {
    const unknown = await kit.send('GET', '/api/v1/auth/oauth/nowhere/start');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('OAUTH_PROVIDER_UNKNOWN');
    const start = await fetch(startUrl(), { redirect: 'manual' });
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const denied = await fetch(
      `${base}/api/v1/auth/oauth/${provider}/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(idp.issuer)}`,
      { headers: { cookie: `emporium_oauth_state=${state}` } },
    );
    expect(denied.status).toBe(400);
    expect(((await denied.json()) as Json).code).toBe('OAUTH_FAILED');
  });
});
