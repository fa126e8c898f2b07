import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { permissionsOfRoles } from '../auth/permissions.js';

export interface TokenClaims {
  sub: string;
  roles?: string[];
  /** Defaults to the built-in permissions of `roles`. */
  perms?: string[];
  email?: string;
  expiresIn?: string;
}

export interface TestIdentity {
  /** Serves the test key set, as the user service serves its JWKS. */
  jwksUrl: string;
  /** An access token signed like the user service signs one (EdDSA, issuer/audience as configured). */
  token: (claims: TokenClaims) => Promise<string>;
  /** `{ authorization: 'Bearer …' }` for a request. */
  bearer: (claims: TokenClaims) => Promise<{ authorization: string }>;
  close: () => Promise<void>;
}

/**
 * A signing key and a JWKS endpoint on a loopback port, so a service under
 * test verifies real signed tokens through its real verifier without the
 * user service. Tokens carry the same claims the user service issues.
 */
export async function createTestIdentity(
  settings: { issuer?: string; audience?: string } = {},
): Promise<TestIdentity> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const kid = `test-${Date.now()}`;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] });
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const token = (claims: TokenClaims) =>
    new SignJWT({
      roles: claims.roles ?? ['customer'],
      perms: claims.perms ?? permissionsOfRoles(claims.roles ?? ['customer']),
      ...(claims.email ? { email: claims.email } : {}),
    })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject(claims.sub)
      .setIssuer(settings.issuer ?? 'emporium')
      .setAudience(settings.audience ?? 'emporium-api')
      .setIssuedAt()
      .setExpirationTime(claims.expiresIn ?? '15m')
      .sign(privateKey);

  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    token,
    bearer: async (claims) => ({ authorization: `Bearer ${await token(claims)}` }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
