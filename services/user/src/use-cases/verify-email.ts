import type { RequestContext } from '@emporium/platform/http/request-context';
import { consumeOneTimeToken } from '../db/one-time-tokens.repo.js';
import { findUserById, updateUser } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import { sha256Hex } from '../domain/secret-token.js';
import type { UserDeps } from './deps.js';

/** Confirms an email address from the link sent at registration (single use). */
export async function verifyEmail(
  deps: UserDeps,
  ctx: RequestContext,
  input: { token: string },
): Promise<void> {
  const userId = await deps.db.transaction(async (tx) => {
    const owner = await consumeOneTimeToken(tx, sha256Hex(input.token), 'verify_email');
    if (!owner) return undefined;
    const user = await findUserById(tx, owner);
    if (user?.status !== 'active') return undefined;
    if (!user.emailVerifiedAt) await updateUser(tx, owner, { emailVerifiedAt: new Date() });
    return owner;
  });
  if (!userId) throw userErrors.INVALID_LINK_TOKEN();
  ctx.logger.info({ userId }, 'email verified');
}
