import type { Principal } from '@emporium/platform/auth/principal';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { customRolePermissions } from '../db/roles.repo.js';
import { countActiveWithRole, findUserById, updateUser } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import { isBuiltInRole, permissionsBeyond, resolvePermissions } from '../domain/roles.js';
import { roles as builtIn, type User } from '../domain/user.js';
import { updatedEnvelope } from '../events/user-envelopes.js';
import type { UserDeps } from './deps.js';

/**
 * Replaces an account's roles (admin). Every role must exist; the caller must
 * hold every permission of the roles it adds or removes (no one grants more
 * than they have); the last active admin keeps the admin role. The change
 * reaches access tokens at the account's next refresh or sign-in.
 */
export async function setUserRoles(
  deps: UserDeps,
  ctx: RequestContext,
  caller: Principal,
  input: { userId: string; roles: string[] },
): Promise<User> {
  const wanted = [...new Set(input.roles)].sort();
  const user = await findUserById(deps.db, input.userId);
  if (user?.status !== 'active') throw userErrors.USER_NOT_FOUND(`no user with id ${input.userId}`);
  const touched = [
    ...wanted.filter((r) => !user.roles.includes(r)),
    ...user.roles.filter((r) => !wanted.includes(r)),
  ];
  const custom = await customRolePermissions(deps.db, [...wanted, ...user.roles]);
  const unknown = wanted.filter((role) => !isBuiltInRole(role) && !custom.has(role));
  if (unknown.length > 0) throw userErrors.UNKNOWN_ROLE(`unknown roles: ${unknown.join(', ')}`);
  const beyond = permissionsBeyond(caller.permissions, resolvePermissions(touched, custom));
  if (beyond.length > 0) throw userErrors.GRANT_BEYOND_OWN(`you do not hold: ${beyond.join(', ')}`);
  if (touched.length === 0) return user;
  const updated = await deps.db.transaction(async (tx) => {
    const losesAdmin = user.roles.includes(builtIn.admin) && !wanted.includes(builtIn.admin);
    if (losesAdmin && (await countActiveWithRole(tx, builtIn.admin, user.id)) === 0) {
      throw userErrors.LAST_ADMIN();
    }
    const changed = (await updateUser(tx, user.id, { roles: wanted }))!;
    await deps.events.enqueue(tx, updatedEnvelope(ctx, changed, ['roles']));
    return changed;
  });
  ctx.logger.info({ userId: user.id, roles: wanted, by: caller.subject }, 'roles changed');
  return updated;
}
