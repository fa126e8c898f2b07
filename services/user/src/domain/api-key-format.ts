import { randomBytes } from 'node:crypto';
import { sha256Hex } from './secret-token.js';

/**
 * An API key reads `emp_<prefix>_<secret>`: the prefix (12 random base64url
 * characters, no underscores) finds the row; the secret is 32 random bytes.
 * The database keeps the prefix and the SHA-256 of the whole key.
 */
const keyPattern = /^emp_([A-Za-z0-9-]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  key: string;
  prefix: string;
  secretHash: string;
}

function prefixWithoutUnderscore(): string {
  return randomBytes(9).toString('base64url').replaceAll('_', '-');
}

export function generateApiKey(): NewApiKey {
  const prefix = prefixWithoutUnderscore();
  const key = `emp_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: sha256Hex(key) };
}

/** The prefix of a well-formed key, or undefined for anything else (never looked up). */
export function prefixOf(key: string): string | undefined {
  return keyPattern.exec(key)?.[1];
}
