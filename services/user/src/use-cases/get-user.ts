import { findUserById } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import type { UserDeps } from './deps.js';

export async function getUser(deps: UserDeps, id: string): Promise<User> {
  const user = await findUserById(deps.db, id);
  if (!user) throw userErrors.USER_NOT_FOUND(`no user with id ${id}`);
  return user;
}
