import { decodeCursor, type Page, pageFromRows, timeIdPosition } from '@emporium/platform/http/keyset-page';
import { listUsers as selectUsers } from '../db/users.repo.js';
import type { User, UserStatus } from '../domain/user.js';
import type { UserDeps } from './deps.js';

export interface UserListInput {
  limit: number;
  cursor?: string | undefined;
  role?: string | undefined;
  status?: UserStatus | undefined;
}

/** Newest accounts first, paged by `(createdAt, id)`. */
export async function listUsers(deps: UserDeps, input: UserListInput): Promise<Page<User>> {
  const after = input.cursor ? decodeCursor(timeIdPosition, input.cursor) : undefined;
  const rows = await selectUsers(deps.db, {
    role: input.role,
    status: input.status,
    after,
    take: input.limit + 1,
  });
  return pageFromRows(rows, input.limit, (user) => [user.createdAt.toISOString(), user.id]);
}
