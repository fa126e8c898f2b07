/**
 * Permissions are `<area>:<action>[:any]`; `:any` reaches every customer's
 * resources, without it a caller reaches only their own. Roles map to
 * permissions; the user service resolves custom roles and puts the caller's
 * permissions in the access token, so services never look roles up.
 */
export const permissions = [
  'products:write',
  'categories:write',
  'reviews:moderate',
  'inventory:read',
  'inventory:write',
  /** Hold, commit and release stock for an order (the order service's API key). */
  'inventory:reserve',
  'orders:read:any',
  'orders:write:any',
  'payments:read:any',
  'payments:refund',
  'payments:capture',
  'users:read:any',
  'users:write:any',
  'roles:write',
  'api-keys:write',
  /** Rotate the access-token signing key (user service). */
  'signing-keys:rotate',
  'search:analytics',
  /** Synonyms and reindexing of the search service. */
  'search:manage',
  'notifications:read:any',
  /** Send a failed notification again (notification service). */
  'notifications:manage',
  'analytics:read',
  'config:write',
  'registry:read',
  'dead-letters:manage',
] as const;

export type Permission = (typeof permissions)[number];

export const builtInRoles: Record<string, readonly Permission[]> = {
  customer: [],
  support: ['orders:read:any', 'payments:read:any', 'users:read:any', 'notifications:read:any'],
  catalog_manager: [
    'products:write',
    'categories:write',
    'reviews:moderate',
    'inventory:read',
    'inventory:write',
    'search:analytics',
    'search:manage',
  ],
  admin: permissions,
};

/** The permissions of a set of built-in roles (custom roles are resolved by the user service). */
export function permissionsOfRoles(roles: readonly string[]): Permission[] {
  return [...new Set(roles.flatMap((role) => builtInRoles[role] ?? []))];
}
