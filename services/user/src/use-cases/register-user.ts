import type { RequestContext } from '@emporium/platform/http/request-context';
import { insertUser } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import { hashPassword } from '../domain/password-hash.js';
import { passwordWeakness } from '../domain/password-policy.js';
import { normalizeEmail, roles, type User } from '../domain/user.js';
import { registeredEnvelope } from '../events/user-envelopes.js';
import type { UserDeps } from './deps.js';
import { issueSession, type Session } from './issue-session.js';
import { issueLinkToken } from './link-tokens.js';

export interface RegistrationInput {
  email: string;
  password: string;
  name: string;
  locale?: string | undefined;
  marketingOptIn?: boolean | undefined;
}

/**
 * Creates a customer account and signs it in. Whatever the caller sends, a
 * registration gets the `customer` role only. The account, its email
 * verification token (hash only) and `user.registered` (carrying the link the
 * notification service emails) commit in one transaction.
 */
export async function registerUser(
  deps: UserDeps,
  ctx: RequestContext,
  input: RegistrationInput,
): Promise<{ user: User; session: Session }> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const weakness = passwordWeakness(input.password, { email, name });
  if (weakness) throw userErrors.WEAK_PASSWORD(`the password ${weakness}`);
  // Hash before inserting: the unique index, not a prior lookup, decides a race between two registrations.
  const passwordHash = await hashPassword(input.password);
  const user = await deps.db.transaction(async (tx) => {
    const created = await insertUser(tx, {
      email,
      passwordHash,
      name,
      roles: [roles.customer],
      locale: input.locale ?? 'en',
      marketingOptIn: input.marketingOptIn ?? false,
    });
    if (!created) throw userErrors.EMAIL_TAKEN();
    const verification = await issueLinkToken(deps, tx, created.id, 'verify_email');
    await deps.events.enqueue(tx, registeredEnvelope(ctx, created, verification));
    return created;
  });
  deps.metrics.registrations.inc();
  ctx.logger.info({ userId: user.id }, 'user registered');
  return { user, session: await issueSession(deps, user) };
}
