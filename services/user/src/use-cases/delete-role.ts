import type { RequestContext } from '@emporium/platform/http/request-context';
import { findCustomRole, deleteRole as removeRole } from '../db/roles.repo.js';
import { countActiveWithRole } from '../db/users.repo.js';
import { userErrors } from '../domain/errors.js';
import type { UserDeps } from './deps.js';

/** Deletes a custom role nobody holds any more. */
export async function deleteRole(deps: UserDeps, ctx: RequestContext, name: string): Promise<void> {
  if (!(await findCustomRole(deps.db, name))) throw userErrors.ROLE_NOT_FOUND();
  const holders = await countActiveWithRole(deps.db, name);
  if (holders > 0) throw userErrors.ROLE_IN_USE(`${holders} accounts hold "${name}"`);
  await removeRole(deps.db, name);
  ctx.logger.info({ role: name }, 'role deleted');
}
