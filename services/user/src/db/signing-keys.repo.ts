import { desc, gt, isNull, or, sql } from 'drizzle-orm';
import type { UserExecutor } from './database.js';
import { signingKeys } from './schema.js';

export type SigningKeyRow = typeof signingKeys.$inferSelect;

/** Keys still published: the current one and those retired less than `publishAfterRetirementMs` ago. */
export async function listPublishedKeys(
  db: UserExecutor,
  publishAfterRetirementMs: number,
): Promise<SigningKeyRow[]> {
  return db
    .select()
    .from(signingKeys)
    .where(
      or(
        isNull(signingKeys.retiredAt),
        gt(signingKeys.retiredAt, sql`now() - ${`${publishAfterRetirementMs} milliseconds`}::interval`),
      ),
    )
    .orderBy(desc(signingKeys.createdAt));
}

export async function insertSigningKey(
  db: UserExecutor,
  key: { kid: string; algorithm: string; publicJwk: unknown; privateKeyCiphertext: string },
): Promise<void> {
  await db.insert(signingKeys).values(key);
}

/** Retires every key that still signs: called, under the rotation lock, just before a new one is added. */
export async function retireCurrentKeys(db: UserExecutor): Promise<void> {
  await db.update(signingKeys).set({ retiredAt: sql`now()` }).where(isNull(signingKeys.retiredAt));
}

export async function hasCurrentKey(db: UserExecutor): Promise<boolean> {
  const [row] = await db
    .select({ kid: signingKeys.kid })
    .from(signingKeys)
    .where(isNull(signingKeys.retiredAt))
    .limit(1);
  return row !== undefined;
}

/** Serialises key creation across replicas for the rest of the transaction. */
export async function lockSigningKeys(db: UserExecutor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended('user.signing_keys', 0))`);
}
