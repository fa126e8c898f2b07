import { describe, expect, it } from 'vitest';
import { requireKeyEncryptionKey } from './key-encryption-key.js';

describe('key-encryption key', () => {
  it('is required outside development, and optional there', () => {
    expect(() => requireKeyEncryptionKey({ emporiumProfile: 'production' })).toThrow(
      /SIGNING_KEY_ENCRYPTION_KEY/,
    );
    expect(() => requireKeyEncryptionKey({ emporiumProfile: 'staging' })).toThrow(/staging profile/);
    expect(() =>
      requireKeyEncryptionKey({ emporiumProfile: 'production', signingKeyEncryptionKey: 'x'.repeat(32) }),
    ).not.toThrow();
    expect(() => requireKeyEncryptionKey({ emporiumProfile: 'development' })).not.toThrow();
  });
});
