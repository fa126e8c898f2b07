import { describe, expect, it } from 'vitest';
import { createKeyEncryption } from './key-encryption.js';

describe('key encryption', () => {
  const secret = 'a key-encryption key of at least 32 characters';

  it('round-trips, with a fresh IV each time', () => {
    const encryption = createKeyEncryption(secret);
    const first = encryption.encrypt('{"d":"private"}', 'kid-1');
    expect(first).toMatch(/^v1\./);
    expect(first).not.toContain('private');
    expect(encryption.encrypt('{"d":"private"}', 'kid-1')).not.toBe(first);
    expect(encryption.decrypt(first, 'kid-1')).toBe('{"d":"private"}');
  });

  it('refuses another key, another kid and a tampered ciphertext', () => {
    const encryption = createKeyEncryption(secret);
    const sealed = encryption.encrypt('secret', 'kid-1');
    expect(() => createKeyEncryption(`${secret}!`).decrypt(sealed, 'kid-1')).toThrow();
    expect(() => encryption.decrypt(sealed, 'kid-2')).toThrow();
    const [version, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() =>
      encryption.decrypt([version, iv, tag, flipped.toString('base64url')].join('.'), 'kid-1'),
    ).toThrow();
    expect(() => encryption.decrypt('garbage', 'kid-1')).toThrow();
  });
});
