import type { RequestContext } from '@emporium/platform/http/request-context';
import { findLoginByEmail, findUserById } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import { hashPassword, verifyPassword } from '../domain/password-hash.js';
import { newSecretToken } from '../domain/secret-token.js';
import { normalizeEmail } from '../domain/user.js';
import type { UserDeps } from './deps.js';
import { issueSession, type Session } from './issue-session.js';

// Checked when there is no usable hash, so an unknown email costs the same argon2 work as a known one.
let dummyHash: Promise<string> | undefined;
const dummy = () => {
  dummyHash ??= hashPassword(newSecretToken());
  return dummyHash;
};

/**
 * Password sign-in. One answer, INVALID_CREDENTIALS, whether the email is
 * unknown, the password wrong, the account deleted or OAuth-only, and the
 * same argon2 verification in every case, so neither the answer nor its
 * timing tells which emails have accounts. Throttled per account and per
 * client address (see security/login-throttle.ts).
 */
export async function login(
  deps: UserDeps,
  ctx: RequestContext,
  input: { email: string; password: string; clientAddress: string },
): Promise<Session> {
  const email = normalizeEmail(input.email);
  try {
    await deps.loginThrottle.check(email, input.clientAddress);
  } catch (error) {
    deps.metrics.logins.inc({ method: 'password', outcome: 'throttled' });
    throw error;
  }
  const account = await findLoginByEmail(deps.db, email);
  const usable = account?.status === 'active' && account.passwordHash ? account : undefined;
  const matches = await verifyPassword(usable?.passwordHash ?? (await dummy()), input.password);
  const user = usable && matches ? await findUserById(deps.db, usable.id) : undefined;
  if (!user) {
    await deps.loginThrottle.recordFailure(email, input.clientAddress);
    deps.metrics.logins.inc({ method: 'password', outcome: 'failure' });
    ctx.logger.info({ reason: account ? 'password' : 'unknown' }, 'login refused');
    throw userErrors.INVALID_CREDENTIALS();
  }
  await deps.loginThrottle.recordSuccess(email);
  deps.metrics.logins.inc({ method: 'password', outcome: 'success' });
  ctx.logger.info({ userId: user.id }, 'user signed in');
  return issueSession(deps, user);
}
