import type { UserExecutor } from '../db/database.js';
import { insertOneTimeToken, invalidateOneTimeTokens } from '../db/one-time-tokens.repo.js';
import { type OneTimeTokenPurpose, oneTimeTokenLifetimeMs } from '../domain/one-time-token.js';
import { newSecretToken, sha256Hex } from '../domain/secret-token.js';
import type { UserDeps } from './deps.js';

const pathOf: Record<OneTimeTokenPurpose, string> = {
  verify_email: '/verify-email',
  password_reset: '/reset-password',
};

/**
 * A single-use token for a link sent by email: earlier unused ones of the
 * same purpose stop working, only the hash is stored, and the token itself
 * leaves only inside the link (in the event for the notification service).
 */
export async function issueLinkToken(
  deps: UserDeps,
  tx: UserExecutor,
  userId: string,
  purpose: OneTimeTokenPurpose,
): Promise<{ url: string; expiresAt: Date }> {
  await invalidateOneTimeTokens(tx, userId, purpose);
  const token = newSecretToken();
  const expiresAt = new Date(Date.now() + oneTimeTokenLifetimeMs[purpose]);
  await insertOneTimeToken(tx, { tokenHash: sha256Hex(token), userId, purpose, expiresAt });
  const url = new URL(`${deps.publicWebUrl.replace(/\/+$/, '')}${pathOf[purpose]}`);
  url.searchParams.set('token', token);
  return { url: url.toString(), expiresAt };
}
