import type { RequestContext } from '@emporium/platform/http/request-context';
import { insertUser } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import { hashPassword } from '../domain/password-hash.js';
import { passwordWeakness } from '../domain/password-policy.js';
import { normalizeEmail, roles, type User } from '../domain/user.js';
import type { UserDeps } from './deps.js';

export interface RegistrationInput {
  email: string;
  password: string;
  name: string;
}

/**
 * Creates a customer account. Whatever the caller sends, a registration gets
 * the `customer` role only. The identity issue adds here: the
 * `user.registered` event in the outbox (same transaction), the email
 * verification token, and the access/refresh tokens in the response.
 */
export async function registerUser(
  deps: UserDeps,
  ctx: RequestContext,
  input: RegistrationInput,
): Promise<User> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const weakness = passwordWeakness(input.password, { email, name });
  if (weakness) throw userErrors.WEAK_PASSWORD(`the password ${weakness}`);
  // Hash before inserting: the unique index, not a prior lookup, decides a race between two registrations.
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser(deps.db, { email, passwordHash, name, roles: [roles.customer] });
  if (!user) throw userErrors.EMAIL_TAKEN();
  deps.metrics.registrations.inc();
  ctx.logger.info({ userId: user.id }, 'user registered');
  return user;
}
