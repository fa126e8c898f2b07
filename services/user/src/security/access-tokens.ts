import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { type KeyRing, signingAlgorithm } from './key-ring.js';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface AccessTokenSubject {
  userId: string;
  email: string;
  roles: string[];
  /** Resolved from the roles (built-in and custom), so services never look roles up. */
  permissions: string[];
}

/**
 * A short-lived access token (JWT, EdDSA) with the claims every service's
 * verifier reads (platform/src/auth/jwt-verifier.ts): iss, aud, sub, exp,
 * iat, roles, perms, email; `kid` names the signing key in the header.
 */
export async function signAccessToken(
  keyRing: KeyRing,
  settings: AccessTokenSettings,
  subject: AccessTokenSubject,
): Promise<string> {
  const key = await keyRing.current();
  return new SignJWT({ roles: subject.roles, perms: subject.permissions, email: subject.email })
    .setProtectedHeader({ alg: signingAlgorithm, kid: key.kid, typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(subject.userId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${settings.ttlSeconds}s`)
    .sign(key.privateKey);
}
