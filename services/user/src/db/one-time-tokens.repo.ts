import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { OneTimeTokenPurpose } from '../domain/one-time-token.js';
import type { UserExecutor } from './database.js';
import { oneTimeTokens } from './schema.js';

export async function insertOneTimeToken(
  db: UserExecutor,
  token: { tokenHash: string; userId: string; purpose: OneTimeTokenPurpose; expiresAt: Date },
): Promise<void> {
  await db.insert(oneTimeTokens).values(token);
}

/**
 * Uses a token: marks it used if it exists for this purpose, is unused and
 * unexpired, in one statement, so two concurrent uses cannot both succeed.
 * Returns the account it belongs to.
 */
export async function consumeOneTimeToken(
  db: UserExecutor,
  tokenHash: string,
  purpose: OneTimeTokenPurpose,
): Promise<string | undefined> {
  const [row] = await db
    .update(oneTimeTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: oneTimeTokens.userId });
  return row?.userId;
}

/** The account of a usable token, without using it (to check a new password before spending the link). */
export async function findUsableOneTimeToken(
  db: UserExecutor,
  tokenHash: string,
  purpose: OneTimeTokenPurpose,
): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: oneTimeTokens.userId })
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, sql`now()`),
      ),
    );
  return row?.userId;
}

/** Earlier unused tokens of the same purpose stop working when a new one is issued or one is used. */
export async function invalidateOneTimeTokens(
  db: UserExecutor,
  userId: string,
  purpose?: OneTimeTokenPurpose,
): Promise<void> {
  const filters = [eq(oneTimeTokens.userId, userId), isNull(oneTimeTokens.usedAt)];
  if (purpose) filters.push(eq(oneTimeTokens.purpose, purpose));
  await db
    .update(oneTimeTokens)
    .set({ usedAt: sql`now()` })
    .where(and(...filters));
}
