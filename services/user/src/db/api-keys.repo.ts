import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { UserExecutor } from './database.js';
import { apiKeys } from './schema.js';

/** Every column but the secret's hash. */
const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdBy: apiKeys.createdBy,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};

export type ApiKeyRecord = Omit<typeof apiKeys.$inferSelect, 'secretHash'>;

export async function insertApiKey(
  db: UserExecutor,
  key: {
    name: string;
    prefix: string;
    secretHash: string;
    scopes: string[];
    createdBy: string | null;
    expiresAt: Date | null;
  },
): Promise<ApiKeyRecord> {
  const [row] = await db.insert(apiKeys).values(key).returning(publicColumns);
  return row!;
}

/** The key with this prefix, with its hash, for verification. */
export async function findApiKeyByPrefix(db: UserExecutor, prefix: string) {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
  return row;
}

export async function listApiKeys(
  db: UserExecutor,
  query: { after?: readonly [string, string] | undefined; take: number },
): Promise<ApiKeyRecord[]> {
  const filters: SQL[] = [];
  if (query.after) {
    const [createdAt, id] = query.after;
    filters.push(sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  return db
    .select(publicColumns)
    .from(apiKeys)
    .where(and(...filters))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(query.take);
}

/** Revokes the key if it is not revoked yet; returns the key either way (undefined: no such key). */
export async function revokeApiKey(db: UserExecutor, id: string): Promise<ApiKeyRecord | undefined> {
  await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  const [row] = await db.select(publicColumns).from(apiKeys).where(eq(apiKeys.id, id));
  return row;
}
