import { type CryptoKey, importJWK, type JWK, SignJWT } from 'jose';
import type pg from 'pg';
import { createKeyEncryption } from '../../src/domain/key-encryption.js';
import { keyEncryptionKey } from './user-test-kit.js';

/**
 * The user service's current signing key, read from its table and decrypted
 * with the suite's key-encryption key: attack tests sign with the real key,
 * so the only thing wrong with their tokens is the claim under test.
 */
export async function currentSigningKey(pool: pg.Pool): Promise<{ kid: string; privateKey: CryptoKey }> {
  const { rows } = await pool.query(
    `select kid, private_key_ciphertext from "user".signing_keys where retired_at is null order by created_at desc limit 1`,
  );
  const row = rows[0] as { kid: string; private_key_ciphertext: string };
  const jwk = JSON.parse(
    createKeyEncryption(keyEncryptionKey).decrypt(row.private_key_ciphertext, row.kid),
  ) as JWK;
  return { kid: row.kid, privateKey: (await importJWK(jwk, 'EdDSA')) as CryptoKey };
}

export function signWith(
  key: { kid: string; privateKey: CryptoKey },
  claims: {
    sub: string;
    aud?: string;
    iss?: string;
    exp?: string | number;
    roles?: string[];
    perms?: string[];
  },
) {
  return new SignJWT({ roles: claims.roles ?? ['customer'], perms: claims.perms ?? [] })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setSubject(claims.sub)
    .setIssuer(claims.iss ?? 'emporium')
    .setAudience(claims.aud ?? 'emporium-api')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '15m')
    .sign(key.privateKey);
}
