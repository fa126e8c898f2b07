import type { Permission } from './permissions.js';

/** Who is calling: an end user (JWT) or a service / partner integration (API key). */
export interface Principal {
  kind: 'user' | 'api-key';
  /** The user id, or the API key's id. */
  subject: string;
  roles: string[];
  permissions: string[];
  email?: string | undefined;
  /** When the access token this principal came from expires (epoch ms); API keys: undefined. */
  expiresAtMs?: number | undefined;
}

export function hasPermission(principal: Principal | undefined, permission: Permission): boolean {
  return principal?.permissions.includes(permission) ?? false;
}

/**
 * The ownership rule every service applies: a caller reaches a resource when
 * it is theirs, or when they hold the `:any` permission for it.
 */
export function canReach(
  principal: Principal | undefined,
  ownerId: string | null | undefined,
  anyPermission: Permission,
) {
  if (!principal) return false;
  if (hasPermission(principal, anyPermission)) return true;
  return (
    principal.kind === 'user' && ownerId !== null && ownerId !== undefined && ownerId === principal.subject
  );
}
