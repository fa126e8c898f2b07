import { builtInRoles, type Permission, permissions } from '@emporium/platform/auth/permissions';

export interface RoleDefinition {
  name: string;
  description: string;
  permissions: string[];
  builtIn: boolean;
}

const knownPermissions = new Set<string>(permissions);

export function isBuiltInRole(name: string): boolean {
  return Object.hasOwn(builtInRoles, name);
}

/** Names a custom role may not take: the built-in ones, and names every JS object already has. */
export function isReservedRoleName(name: string): boolean {
  return isBuiltInRole(name) || name in Object.prototype;
}

export function builtInRoleDefinitions(): RoleDefinition[] {
  return Object.entries(builtInRoles).map(([name, granted]) => ({
    name,
    description: `built-in ${name.replaceAll('_', ' ')} role`,
    permissions: [...granted],
    builtIn: true,
  }));
}

/** Permissions that are not in the platform's list (platform/src/auth/permissions.ts). */
export function unknownPermissions(requested: readonly string[]): string[] {
  return requested.filter((permission) => !knownPermissions.has(permission));
}

/**
 * What a set of roles grants: the built-in roles' permissions plus those of
 * the custom roles among them (`custom` maps a custom role to its permissions).
 */
export function resolvePermissions(
  roles: readonly string[],
  custom: ReadonlyMap<string, readonly string[]>,
): string[] {
  const granted = new Set<string>();
  for (const role of roles) {
    const builtIn = isBuiltInRole(role) ? builtInRoles[role] : undefined;
    for (const permission of builtIn ?? custom.get(role) ?? []) granted.add(permission);
  }
  return [...granted].sort();
}

/**
 * No one hands out more than they hold: a caller may grant a role, create a
 * role or an API key only with permissions they have themselves. Returns the
 * permissions the caller lacks.
 */
export function permissionsBeyond(
  held: readonly string[],
  requested: readonly (Permission | string)[],
): string[] {
  const have = new Set(held);
  return [...new Set(requested)].filter((permission) => !have.has(permission));
}
