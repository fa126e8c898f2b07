import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for links and opaque tokens: 32 bytes (256 bits), base64url. */
export function newSecretToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * What the database keeps of a token: its SHA-256. A token is a 256-bit
 * random value, so a fast hash is enough (no dictionary to slow down), and a
 * stolen table yields nothing usable.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
