import type { RequestContext } from '@emporium/platform/http/request-context';
import {
  consumeOneTimeToken,
  findUsableOneTimeToken,
  invalidateOneTimeTokens,
} from '../db/one-time-tokens.repo.js';
import { revokeAllOfUser } from '../db/refresh-tokens.repo.js';
import { findUserById, updateUser } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import { hashPassword } from '../domain/password-hash.js';
import { passwordWeakness } from '../domain/password-policy.js';
import { sha256Hex } from '../domain/secret-token.js';
import { updatedEnvelope } from '../events/user-envelopes.js';
import type { UserDeps } from './deps.js';

/**
 * Sets a new password from a reset link. The link is spent only when the
 * new password is acceptable; then every refresh token of the account is
 * revoked (sessions on other devices end), and the address counts as
 * verified, since the person just read mail sent to it.
 */
export async function confirmPasswordReset(
  deps: UserDeps,
  ctx: RequestContext,
  input: { token: string; password: string },
): Promise<void> {
  const tokenHash = sha256Hex(input.token);
  const owner = await findUsableOneTimeToken(deps.db, tokenHash, 'password_reset');
  const account = owner ? await findUserById(deps.db, owner) : undefined;
  if (account?.status !== 'active') throw userErrors.INVALID_LINK_TOKEN();
  const weakness = passwordWeakness(input.password, account);
  if (weakness) throw userErrors.WEAK_PASSWORD(`the password ${weakness}`);
  const passwordHash = await hashPassword(input.password);
  const updated = await deps.db.transaction(async (tx) => {
    // Spent here, atomically: of two concurrent confirmations only one gets the account.
    if ((await consumeOneTimeToken(tx, tokenHash, 'password_reset')) !== account.id) return undefined;
    await invalidateOneTimeTokens(tx, account.id, 'password_reset');
    await revokeAllOfUser(tx, account.id);
    const user = await updateUser(tx, account.id, {
      passwordHash,
      ...(account.emailVerifiedAt ? {} : { emailVerifiedAt: new Date() }),
    });
    await deps.events.enqueue(tx, updatedEnvelope(ctx, user!, ['password']));
    return user;
  });
  if (!updated) throw userErrors.INVALID_LINK_TOKEN();
  await deps.loginThrottle.recordSuccess(account.email);
  ctx.logger.info({ userId: account.id }, 'password reset');
}
