import { describe, expect, it } from 'vitest';
import { generateApiKey, prefixOf } from './api-key-format.js';
import { sha256Hex } from './secret-token.js';

describe('api key format', () => {
  it('generates keys whose prefix it can read back, hashed whole', () => {
    for (let i = 0; i < 200; i += 1) {
      const generated = generateApiKey();
      expect(prefixOf(generated.key)).toBe(generated.prefix);
      expect(generated.secretHash).toBe(sha256Hex(generated.key));
    }
    const a = generateApiKey();
    expect(generateApiKey().key).not.toBe(a.key);
  });

  it('reads no prefix from malformed keys', () => {
    const { key } = generateApiKey();
    expect(prefixOf(`${key}x`)).toBeUndefined();
    expect(prefixOf(key.slice(1))).toBeUndefined();
    expect(prefixOf("emp_' or 1=1 --_x")).toBeUndefined();
    expect(prefixOf('')).toBeUndefined();
  });
});
