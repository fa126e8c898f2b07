import { readFileSync } from 'node:fs';
import type { Environment } from './load-config.js';

/**
 * A secret is never written into a config document; the document names where
 * the running process finds it: `{ secretRef: { env: JWT_SECRET } }` or
 * `{ secretRef: { file: /run/secrets/jwt } }` (a mounted Kubernetes/Docker
 * secret). The config service stores and serves the reference as is; only
 * the process that needs the value resolves it.
 */
export type SecretRef = { secretRef: { env: string } } | { secretRef: { file: string } };

const envName = /^[A-Z_][A-Z0-9_]*$/;

/** True for a well-formed reference: exactly one of `env` (a variable name) or `file` (an absolute path). */
export function isSecretRef(value: unknown): value is SecretRef {
  if (!isMapping(value) || Object.keys(value).length !== 1 || !isMapping(value.secretRef)) return false;
  const ref = value.secretRef;
  const keys = Object.keys(ref);
  if (keys.length !== 1) return false;
  if (keys[0] === 'env') return typeof ref.env === 'string' && envName.test(ref.env);
  if (keys[0] === 'file') return typeof ref.file === 'string' && ref.file.startsWith('/');
  return false;
}

/** True when the value at least tries to be a reference (so a malformed one can be reported as such). */
export function looksLikeSecretRef(value: unknown): boolean {
  return isMapping(value) && 'secretRef' in value;
}

/** The secret's value, trimmed; throws with a message that names the reference, never the value. */
export function resolveSecretRef(ref: SecretRef, env: Environment = process.env): string {
  if ('env' in ref.secretRef) {
    const value = env[ref.secretRef.env];
    if (value === undefined || value === '')
      throw new Error(`secret variable ${ref.secretRef.env} is not set`);
    return value;
  }
  try {
    return readFileSync(ref.secretRef.file, 'utf8').trim();
  } catch (error) {
    throw new Error(
      `cannot read secret file ${ref.secretRef.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
