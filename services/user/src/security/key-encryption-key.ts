import { ConfigError } from '@emporium/platform/config/load-config';
import type { UserDb } from '../db/database.js';
import { getOrCreateServiceSecret } from '../db/service-secrets.repo.js';
import { createKeyEncryption, type KeyEncryption } from '../domain/key-encryption.js';
import { newSecretToken } from '../domain/secret-token.js';

/**
 * The key that encrypts signing keys at rest. Outside the development profile
 * it must come from the environment or a mounted secret
 * (`SIGNING_KEY_ENCRYPTION_KEY[_FILE]`): checked before anything else at
 * boot. In development and embedded runs, one is generated on first start
 * and kept in the service's own schema, which protects nothing but makes
 * `npm start` work with no setup.
 */
export function requireKeyEncryptionKey(config: {
  emporiumProfile: string;
  signingKeyEncryptionKey?: string | undefined;
}): void {
  if (config.signingKeyEncryptionKey || config.emporiumProfile === 'development') return;
  throw new ConfigError('user', [
    `SIGNING_KEY_ENCRYPTION_KEY: required in the ${config.emporiumProfile} profile ` +
      '(at least 32 characters; or SIGNING_KEY_ENCRYPTION_KEY_FILE pointing at a mounted secret)',
  ]);
}

export async function keyEncryptionFor(
  db: UserDb,
  config: { emporiumProfile: string; signingKeyEncryptionKey?: string | undefined },
): Promise<KeyEncryption> {
  requireKeyEncryptionKey(config);
  const secret =
    config.signingKeyEncryptionKey ??
    (await getOrCreateServiceSecret(db, 'signing-key-encryption-key', newSecretToken(32)));
  return createKeyEncryption(secret);
}
