import { exportJWK, generateKeyPair, type JWK, SignJWT, UnsecuredJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStaticLocator } from '../discovery/static-locator.js';
import { createJwtVerifier } from './jwt-verifier.js';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const settings = { issuer: 'emporium', audience: 'emporium-api' };

async function keyWithId(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return { privateKey, jwk, kid };
}

function sign(
  key: { privateKey: PrivateKey; kid: string },
  overrides: { aud?: string; exp?: string; iss?: string } = {},
) {
  return new SignJWT({ roles: ['customer'], perms: [] })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setSubject('user-1')
    .setIssuer(overrides.iss ?? settings.issuer)
    .setAudience(overrides.aud ?? settings.audience)
    .setIssuedAt()
    .setExpirationTime(overrides.exp ?? '15m')
    .sign(key.privateKey);
}

describe('jwt verifier', async () => {
  const current = await keyWithId('k1');
  const stranger = await keyWithId('k1'); // same kid, different key: a forgery
  let published: JWK[] = [current.jwk];
  let fetches = 0;
  const verify = createJwtVerifier({
    ...settings,
    locator: createStaticLocator(new Map()),
    fetchJwks: async () => {
      fetches++;
      return { keys: published };
    },
  });

  it('accepts a valid token and reads the principal', async () => {
    const principal = await verify(await sign(current));
    expect(principal).toMatchObject({ kind: 'user', subject: 'user-1', roles: ['customer'] });
  });

  it('refuses alg none, another key, expiry, wrong audience or issuer, and tampering', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'user-1' })
      .setIssuer('emporium')
      .setAudience('emporium-api')
      .setExpirationTime('1h')
      .encode();
    await expect(verify(unsigned)).rejects.toThrow();
    await expect(verify(await sign(stranger))).rejects.toThrow();
    await expect(verify(await sign(current, { exp: '-1m' }))).rejects.toThrow();
    await expect(verify(await sign(current, { aud: 'someone-else' }))).rejects.toThrow();
    await expect(verify(await sign(current, { iss: 'evil' }))).rejects.toThrow();
    const [header, payload, signature] = (await sign(current)).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        perms: ['products:write'],
      }),
    ).toString('base64url');
    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toThrow();
  });

  it('picks up a rotated key once, on the first token that names it', async () => {
    const next = await keyWithId('k2');
    published = [current.jwk, next.jwk];
    await new Promise((resolve) => setTimeout(resolve, 10));
    const before = fetches;
    // Within the cool-down a forged kid cannot force refetches; after it, the new key is fetched.
    await expect(verify(await sign(next))).rejects.toThrow();
    expect(fetches).toBe(before);
  });

  it('after the cool-down, a token signed with a newly published key verifies', async () => {
    const next = await keyWithId('k3');
    let keys: JWK[] = [current.jwk];
    const eager = createJwtVerifier({
      ...settings,
      locator: createStaticLocator(new Map()),
      unknownKidCooldownMs: 0,
      fetchJwks: async () => ({ keys }),
    });
    await eager(await sign(current));
    keys = [current.jwk, next.jwk];
    await expect(eager(await sign(next))).resolves.toMatchObject({ subject: 'user-1' });
  });

  describe('remembering verified tokens', () => {
    afterEach(() => vi.useRealTimers());
    const withKeys = (keys: () => JWK[]) =>
      createJwtVerifier({
        ...settings,
        locator: createStaticLocator(new Map()),
        fetchJwks: async () => ({ keys: keys() }),
      });

    it('a remembered token is refused once it expires', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const remembering = withKeys(() => [current.jwk]);
      const token = await sign(current, { exp: '2m' });
      await expect(remembering(token)).resolves.toMatchObject({ subject: 'user-1' });
      vi.setSystemTime(Date.now() + 3 * 60_000); // past exp, before the keys are refetched
      await expect(remembering(token)).rejects.toThrow();
    });

    it('a remembered token is refused once its key is withdrawn from the JWKS', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const replacement = await keyWithId('k9');
      let keys = [current.jwk];
      const remembering = withKeys(() => keys);
      const token = await sign(current);
      await expect(remembering(token)).resolves.toMatchObject({ subject: 'user-1' });
      keys = [replacement.jwk];
      vi.setSystemTime(Date.now() + 6 * 60_000); // past the key set's refresh period
      await expect(remembering(token)).rejects.toThrow();
    });

    it('the principal shared by repeated requests cannot be altered by one of them', async () => {
      const remembering = withKeys(() => [current.jwk]);
      const token = await sign(current);
      const first = await remembering(token);
      expect(() => first.permissions.push('products:write')).toThrow();
      expect(await remembering(token)).toBe(first);
      expect(first.permissions).toEqual([]);
    });
  });
});
