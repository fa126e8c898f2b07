import type { RequestContext } from '@emporium/platform/http/request-context';
import { findRefreshToken, revokeFamily } from '../db/refresh-tokens.repo.js';
import { sha256Hex } from '../domain/secret-token.js';
import type { UserDeps } from './deps.js';

/**
 * Ends a session: the refresh token's whole family is revoked. Idempotent, and
 * silent about unknown tokens. The access token lives on until it expires
 * (at most the access-token lifetime; see docs/auth.md).
 */
export async function logout(
  deps: UserDeps,
  ctx: RequestContext,
  input: { refreshToken: string },
): Promise<void> {
  const row = await findRefreshToken(deps.db, sha256Hex(input.refreshToken));
  if (!row) return;
  const revoked = await revokeFamily(deps.db, row.familyId);
  if (revoked > 0) ctx.logger.info({ userId: row.userId }, 'user signed out');
}
