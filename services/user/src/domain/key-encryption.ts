import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Signing keys are stored encrypted: AES-256-GCM under a key derived (HKDF,
 * SHA-256) from the configured `signingKeyEncryptionKey`. The key id is the
 * additional authenticated data, so a ciphertext cannot be moved to another
 * row. Format: `v1.<iv>.<tag>.<ciphertext>`, each base64url.
 */
export interface KeyEncryption {
  encrypt: (plaintext: string, kid: string) => string;
  /** Throws when the ciphertext was not made with this key for this kid. */
  decrypt: (ciphertext: string, kid: string) => string;
}

export function createKeyEncryption(secret: string): KeyEncryption {
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'emporium-user', 'signing-key-encryption', 32),
  );
  return {
    encrypt(plaintext, kid) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(kid, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
      return ['v1', ...parts].join('.');
    },
    decrypt(ciphertext, kid) {
      const [version, iv, tag, body] = ciphertext.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown key format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(kid, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
