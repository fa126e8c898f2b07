import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A guest cart's secret: 256 random bits, handed to the client once at
 * creation and sent back as `X-Cart-Token`. Only its SHA-256 is stored (a
 * leaked store does not leak tokens); a fast hash suffices for a random secret.
 */
export function newCartToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashCartToken(token) };
}

export function hashCartToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with a stored hash. */
export function cartTokenMatches(storedHash: string | null, token: string | undefined): boolean {
  if (!storedHash || !token) return false;
  const presented = Buffer.from(hashCartToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
