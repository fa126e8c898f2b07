import type { RequestContext } from '@emporium/platform/http/request-context';
import { findUserByEmail } from '../db/users.repo.js';
import { normalizeEmail } from '../domain/user.js';
import { passwordResetEnvelope } from '../events/user-envelopes.js';
import type { UserDeps } from './deps.js';
import { issueLinkToken } from './link-tokens.js';

/**
 * Starts a password reset: for an active account, a single-use token valid
 * 30 minutes (hash stored) goes out in `user.password_reset_requested` for
 * the notification service to email. The caller learns nothing either way:
 * the route answers 202 whether or not the email has an account.
 */
export async function requestPasswordReset(
  deps: UserDeps,
  ctx: RequestContext,
  input: { email: string },
): Promise<void> {
  const user = await findUserByEmail(deps.db, normalizeEmail(input.email));
  if (user?.status !== 'active') return;
  await deps.db.transaction(async (tx) => {
    const reset = await issueLinkToken(deps, tx, user.id, 'password_reset');
    await deps.events.enqueue(tx, passwordResetEnvelope(ctx, user, reset));
  });
  ctx.logger.info({ userId: user.id }, 'password reset requested');
}
