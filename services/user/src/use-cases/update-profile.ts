import type { RequestContext } from '@emporium/platform/http/request-context';
import { revokeAllOfUser } from '../db/refresh-tokens.repo.js';
import { findPasswordHashById, findUserById, type UserPatch, updateUser } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import { hashPassword, verifyPassword } from '../domain/password-hash.js';
import { passwordWeakness } from '../domain/password-policy.js';
import type { User } from '../domain/user.js';
import { type ChangedField, updatedEnvelope } from '../events/user-envelopes.js';
import type { UserDeps } from './deps.js';

export interface ProfileChanges {
  name?: string | undefined;
  locale?: string | undefined;
  marketingOptIn?: boolean | undefined;
  /** A new password needs the current one (an access token alone must not be enough to take the account). */
  password?: string | undefined;
  currentPassword?: string | undefined;
}

/**
 * Changes the caller's own profile and announces it with `user.updated`
 * (the changed fields named). A new password revokes every refresh token of
 * the account: other devices sign in again.
 */
export async function updateProfile(
  deps: UserDeps,
  ctx: RequestContext,
  userId: string,
  changes: ProfileChanges,
): Promise<User> {
  const current = await findUserById(deps.db, userId);
  if (current?.status !== 'active') throw userErrors.USER_NOT_FOUND();
  const patch: UserPatch = {};
  const changed: ChangedField[] = [];
  const name = changes.name?.trim();
  if (name !== undefined && name !== current.name) {
    patch.name = name;
    changed.push('name');
  }
  if (changes.locale !== undefined && changes.locale !== current.locale) {
    patch.locale = changes.locale;
    changed.push('locale');
  }
  if (changes.marketingOptIn !== undefined) patch.marketingOptIn = changes.marketingOptIn;
  if (changes.password !== undefined) {
    const stored = await findPasswordHashById(deps.db, userId);
    if (!stored)
      throw userErrors.WRONG_CURRENT_PASSWORD('this account has no password yet: use a password reset');
    if (!changes.currentPassword || !(await verifyPassword(stored, changes.currentPassword))) {
      throw userErrors.WRONG_CURRENT_PASSWORD();
    }
    const weakness = passwordWeakness(changes.password, { email: current.email, name: name ?? current.name });
    if (weakness) throw userErrors.WEAK_PASSWORD(`the password ${weakness}`);
    patch.passwordHash = await hashPassword(changes.password);
    changed.push('password');
  }
  if (Object.keys(patch).length === 0) return current;
  const updated = await deps.db.transaction(async (tx) => {
    const user = (await updateUser(tx, userId, patch))!;
    if (patch.passwordHash) await revokeAllOfUser(tx, userId);
    const [first, ...rest] = changed;
    if (first) await deps.events.enqueue(tx, updatedEnvelope(ctx, user, [first, ...rest]));
    return user;
  });
  ctx.logger.info({ userId, changed }, 'profile updated');
  return updated;
}
