import { and, eq, gt, sql } from 'drizzle-orm';
import type { UserExecutor } from './database.js';
import { oauthIdentities, oauthStates } from './schema.js';

export async function insertOAuthState(
  db: UserExecutor,
  state: { stateHash: string; provider: string; codeVerifier: string; nonce: string; expiresAt: Date },
): Promise<void> {
  await db.insert(oauthStates).values(state);
}

/** Takes the pending request for this state (single use): deletes it and returns it when unexpired. */
export async function takeOAuthState(db: UserExecutor, stateHash: string, provider: string) {
  const [row] = await db
    .delete(oauthStates)
    .where(
      and(
        eq(oauthStates.stateHash, stateHash),
        eq(oauthStates.provider, provider),
        gt(oauthStates.expiresAt, sql`now()`),
      ),
    )
    .returning();
  return row;
}

/** Requests abandoned at the provider: removed now and then so the table stays small. */
export async function deleteExpiredOAuthStates(db: UserExecutor): Promise<void> {
  await db.delete(oauthStates).where(sql`${oauthStates.expiresAt} < now()`);
}

export async function findIdentity(db: UserExecutor, provider: string, subject: string) {
  const [row] = await db
    .select()
    .from(oauthIdentities)
    .where(and(eq(oauthIdentities.provider, provider), eq(oauthIdentities.subject, subject)));
  return row;
}

export async function insertIdentity(
  db: UserExecutor,
  identity: { provider: string; subject: string; userId: string; email: string },
): Promise<void> {
  await db.insert(oauthIdentities).values(identity).onConflictDoNothing();
}

export async function deleteIdentitiesOf(db: UserExecutor, userId: string): Promise<void> {
  await db.delete(oauthIdentities).where(eq(oauthIdentities.userId, userId));
}
