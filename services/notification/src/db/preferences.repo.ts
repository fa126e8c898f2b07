import { eq, sql } from 'drizzle-orm';
import type { Preference } from '../domain/preferences.js';
import type { NotificationExecutor } from './database.js';
import { preferences } from './schema.js';

export async function storedPreferences(db: NotificationExecutor, userId: string): Promise<Preference[]> {
  return db
    .select({ channel: preferences.channel, category: preferences.category, enabled: preferences.enabled })
    .from(preferences)
    .where(eq(preferences.userId, userId));
}

/** One statement, so a change set is saved whole or not at all. */
export async function savePreferences(
  db: NotificationExecutor,
  userId: string,
  changes: Preference[],
): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insert(preferences)
    .values(changes.map((change) => ({ userId, ...change })))
    .onConflictDoUpdate({
      target: [preferences.userId, preferences.channel, preferences.category],
      set: { enabled: sql`excluded.enabled`, updatedAt: sql`now()` },
    });
}

export async function deletePreferencesOf(db: NotificationExecutor, userId: string): Promise<void> {
  await db.delete(preferences).where(eq(preferences.userId, userId));
}
