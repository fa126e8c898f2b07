import { eq, sql } from 'drizzle-orm';
import type { NotificationExecutor } from './database.js';
import { recipients } from './schema.js';

export type Recipient = typeof recipients.$inferSelect;

export async function saveRecipient(
  db: NotificationExecutor,
  recipient: { userId: string; email: string; name: string; locale: string },
): Promise<void> {
  await db
    .insert(recipients)
    .values(recipient)
    .onConflictDoUpdate({
      target: recipients.userId,
      set: {
        email: recipient.email,
        name: recipient.name,
        locale: recipient.locale,
        updatedAt: sql`now()`,
      },
    });
}

export async function findRecipient(
  db: NotificationExecutor,
  userId: string,
): Promise<Recipient | undefined> {
  const [row] = await db.select().from(recipients).where(eq(recipients.userId, userId));
  return row;
}

export async function deleteRecipient(db: NotificationExecutor, userId: string): Promise<void> {
  await db.delete(recipients).where(eq(recipients.userId, userId));
}
