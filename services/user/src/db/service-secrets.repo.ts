import { eq } from 'drizzle-orm';
import type { UserExecutor } from './database.js';
import { serviceSecrets } from './schema.js';

/** Stores `value` under `name` unless one is there already; returns the stored value either way. */
export async function getOrCreateServiceSecret(
  db: UserExecutor,
  name: string,
  value: string,
): Promise<string> {
  await db.insert(serviceSecrets).values({ name, value }).onConflictDoNothing();
  const [row] = await db
    .select({ value: serviceSecrets.value })
    .from(serviceSecrets)
    .where(eq(serviceSecrets.name, name));
  return row!.value;
}
