import type { Principal } from '@emporium/platform/auth/principal';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { insertRole, type RoleRow, updateRole } from '../db/roles.repo.js';
import { userErrors } from '../domain/errors.js';
import {
  isReservedRoleName,
  permissionsBeyond,
  type RoleDefinition,
  unknownPermissions,
} from '../domain/roles.js';
import type { UserDeps } from './deps.js';

const toDefinition = (row: RoleRow): RoleDefinition => ({
  name: row.name,
  description: row.description,
  permissions: [...row.permissions].sort(),
  builtIn: false,
});

/** Permissions must exist, and the caller must hold each one: no one creates a role stronger than themselves. */
function checkPermissions(caller: Principal, permissions: string[]): string[] {
  const unknown = unknownPermissions(permissions);
  if (unknown.length > 0) throw userErrors.UNKNOWN_PERMISSION(`unknown permissions: ${unknown.join(', ')}`);
  const beyond = permissionsBeyond(caller.permissions, permissions);
  if (beyond.length > 0) throw userErrors.GRANT_BEYOND_OWN(`you do not hold: ${beyond.join(', ')}`);
  return [...new Set(permissions)].sort();
}

/** A new custom role (admin, `roles:write`). Built-in role names are taken. */
export async function createRole(
  deps: UserDeps,
  ctx: RequestContext,
  caller: Principal,
  input: { name: string; description?: string | undefined; permissions: string[] },
): Promise<RoleDefinition> {
  if (isReservedRoleName(input.name)) throw userErrors.ROLE_EXISTS(`"${input.name}" is a built-in role`);
  const permissions = checkPermissions(caller, input.permissions);
  const row = await insertRole(deps.db, {
    name: input.name,
    description: input.description ?? '',
    permissions,
  });
  if (!row) throw userErrors.ROLE_EXISTS();
  ctx.logger.info({ role: row.name, permissions, by: caller.subject }, 'role created');
  return toDefinition(row);
}

/** Changes a custom role's permissions; holders get them at their next refresh or sign-in. */
export async function updateCustomRole(
  deps: UserDeps,
  ctx: RequestContext,
  caller: Principal,
  input: { name: string; description?: string | undefined; permissions: string[] },
): Promise<RoleDefinition> {
  if (isReservedRoleName(input.name)) throw userErrors.ROLE_NOT_FOUND('built-in roles cannot be changed');
  const permissions = checkPermissions(caller, input.permissions);
  const row = await updateRole(deps.db, input.name, {
    permissions,
    ...(input.description !== undefined ? { description: input.description } : {}),
  });
  if (!row) throw userErrors.ROLE_NOT_FOUND();
  ctx.logger.info({ role: row.name, permissions, by: caller.subject }, 'role updated');
  return toDefinition(row);
}
