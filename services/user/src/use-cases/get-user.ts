import { canReach, type Principal } from '@emporium/platform/auth/principal';
import { platformErrors } from '@emporium/platform/http/errors';
import { findUserById } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import type { UserDeps } from './deps.js';

/** One account: the caller's own, or anyone's with `users:read:any`. */
export async function getUser(deps: UserDeps, caller: Principal | undefined, id: string): Promise<User> {
  if (!canReach(caller, id, 'users:read:any')) throw platformErrors.FORBIDDEN('requires users:read:any');
  const user = await findUserById(deps.db, id);
  if (!user) throw userErrors.USER_NOT_FOUND(`no user with id ${id}`);
  return user;
}
