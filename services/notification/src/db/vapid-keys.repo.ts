import { eq } from 'drizzle-orm';
import type { NotificationExecutor } from './database.js';
import { vapidKeys } from './schema.js';

/**
 * The stored key pair, created from `generate()` when there is none. Replicas
 * starting together agree: the first insert wins and everyone reads it back.
 */
export async function storedVapidKeys(
  db: NotificationExecutor,
  generate: () => { publicKey: string; privateKey: string },
): Promise<{ publicKey: string; privateKey: string }> {
  const read = async () =>
    (await db.select().from(vapidKeys).where(eq(vapidKeys.id, 'default')))[0] ?? undefined;
  const existing = await read();
  if (existing) return existing;
  await db
    .insert(vapidKeys)
    .values({ id: 'default', ...generate() })
    .onConflictDoNothing();
  return (await read())!;
}
