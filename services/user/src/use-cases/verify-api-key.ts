import type { Principal } from '@emporium/platform/auth/principal';
import { findApiKeyByPrefix } from '../db/api-keys.repo.js';
import { prefixOf } from '../domain/api-key-format.js';
import { userErrors } from '../domain/errors.js';
import { sameDigest, sha256Hex } from '../domain/secret-token.js';
import type { UserDeps } from './deps.js';

/**
 * The principal of a presented key, or INVALID_API_KEY: malformed, unknown,
 * revoked, expired or wrong secret all answer the same. Used by this
 * service's own routes and by the introspection route other services call.
 */
export async function verifyApiKey(deps: Pick<UserDeps, 'db'>, key: string): Promise<Principal> {
  const prefix = prefixOf(key);
  const row = prefix ? await findApiKeyByPrefix(deps.db, prefix) : undefined;
  const valid =
    row !== undefined &&
    row.revokedAt === null &&
    (row.expiresAt === null || row.expiresAt.getTime() > Date.now()) &&
    sameDigest(sha256Hex(key), row.secretHash);
  if (!valid) throw userErrors.INVALID_API_KEY();
  return { kind: 'api-key', subject: row.id, roles: [], permissions: [...row.scopes] };
}
