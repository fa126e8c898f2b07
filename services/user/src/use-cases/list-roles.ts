import { listCustomRoles } from '../db/roles.repo.js';
import { builtInRoleDefinitions, type RoleDefinition } from '../domain/roles.js';
import type { UserDeps } from './deps.js';

/** Built-in roles first, then the custom ones by name. */
export async function listRoles(deps: UserDeps): Promise<RoleDefinition[]> {
  const custom = await listCustomRoles(deps.db);
  return [
    ...builtInRoleDefinitions(),
    ...custom.map((row) => ({
      name: row.name,
      description: row.description,
      permissions: [...row.permissions].sort(),
      builtIn: false,
    })),
  ];
}
