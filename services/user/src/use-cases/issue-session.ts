import { randomUUID } from 'node:crypto';
import type { UserExecutor } from '../db/database.js';
import { insertRefreshToken } from '../db/refresh-tokens.repo.js';
import { customRolePermissions } from '../db/roles.repo.js';
import { resolvePermissions } from '../domain/roles.js';
import { newSecretToken, sha256Hex } from '../domain/secret-token.js';
import type { User } from '../domain/user.js';
import { signAccessToken } from '../security/access-tokens.js';
import type { UserDeps } from './deps.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token stays valid. */
  expiresIn: number;
}

/** Refresh tokens read `rt_<43 base64url characters>`; only their SHA-256 is stored. */
export function newRefreshToken(): string {
  return `rt_${newSecretToken()}`;
}

/** The permissions an account's roles grant now (custom roles read from the database). */
export async function permissionsOf(db: UserExecutor, roles: readonly string[]): Promise<string[]> {
  return resolvePermissions(roles, await customRolePermissions(db, roles));
}

/**
 * Signs an access token for the account. Never call it inside a transaction:
 * the key ring may read the database on its own connection.
 */
export async function accessTokenFor(deps: UserDeps, user: User): Promise<string> {
  return signAccessToken(deps.keyRing, deps.tokens, {
    userId: user.id,
    email: user.email,
    roles: user.roles,
    permissions: await permissionsOf(deps.db, user.roles),
  });
}

/** Stores a new refresh token in `familyId` (a new family: a new sign-in) and returns it. */
export async function storeRefreshToken(
  deps: UserDeps,
  db: UserExecutor,
  userId: string,
  familyId: string = randomUUID(),
): Promise<string> {
  const refreshToken = newRefreshToken();
  await insertRefreshToken(db, {
    userId,
    familyId,
    tokenHash: sha256Hex(refreshToken),
    expiresAt: new Date(Date.now() + deps.tokens.refreshTtlMs),
  });
  return refreshToken;
}

/** A new sign-in: a refresh token starting its own family, and an access token. */
export async function issueSession(deps: UserDeps, user: User): Promise<Session> {
  const refreshToken = await storeRefreshToken(deps, deps.db, user.id);
  return { accessToken: await accessTokenFor(deps, user), refreshToken, expiresIn: deps.tokens.ttlSeconds };
}
