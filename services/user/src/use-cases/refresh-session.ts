import type { RequestContext } from '@emporium/platform/http/request-context';
import { findRefreshTokenForUpdate, markRotated, revokeFamily } from '../db/refresh-tokens.repo.js';
import { findUserById } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import { sha256Hex } from '../domain/secret-token.js';
import type { User } from '../domain/user.js';
import type { UserDeps } from './deps.js';
import { accessTokenFor, type Session, storeRefreshToken } from './issue-session.js';

type Outcome =
  | { kind: 'rotated'; user: User; refreshToken: string }
  | { kind: 'reused'; userId: string; familyId: string }
  | { kind: 'invalid' };

/**
 * Trades a refresh token for a new pair. The presented token is rotated
 * (usable once); presenting an already rotated token means a copy exists
 * somewhere else, so the whole family (every token descended from that
 * sign-in) is revoked and the caller must sign in again. The revocation
 * commits even though the request fails.
 */
export async function refreshSession(
  deps: UserDeps,
  ctx: RequestContext,
  input: { refreshToken: string },
): Promise<Session> {
  const outcome = await deps.db.transaction(async (tx): Promise<Outcome> => {
    const row = await findRefreshTokenForUpdate(tx, sha256Hex(input.refreshToken));
    if (!row || row.revokedAt) return { kind: 'invalid' };
    if (row.rotatedAt) {
      await revokeFamily(tx, row.familyId);
      return { kind: 'reused', userId: row.userId, familyId: row.familyId };
    }
    if (row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
    const user = await findUserById(tx, row.userId);
    if (user?.status !== 'active') {
      await revokeFamily(tx, row.familyId);
      return { kind: 'invalid' };
    }
    await markRotated(tx, row.id);
    return { kind: 'rotated', user, refreshToken: await storeRefreshToken(deps, tx, user.id, row.familyId) };
  });
  switch (outcome.kind) {
    case 'invalid':
      throw userErrors.INVALID_REFRESH_TOKEN();
    case 'reused':
      deps.metrics.refreshReuse.inc();
      ctx.logger.warn(
        { userId: outcome.userId, familyId: outcome.familyId },
        'refresh token reused; family revoked',
      );
      throw userErrors.INVALID_REFRESH_TOKEN();
    case 'rotated':
      return {
        accessToken: await accessTokenFor(deps, outcome.user),
        refreshToken: outcome.refreshToken,
        expiresIn: deps.tokens.ttlSeconds,
      };
  }
}
