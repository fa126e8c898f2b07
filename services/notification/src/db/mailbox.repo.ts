import { and, desc, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { NotificationExecutor } from './database.js';
import { mailbox } from './schema.js';

export type MailRow = typeof mailbox.$inferSelect;

/** Keeps a received mail, and drops what is older than the retention. */
export async function storeMail(
  db: NotificationExecutor,
  retentionDays: number,
  mail: Omit<typeof mailbox.$inferInsert, 'id' | 'receivedAt'>,
): Promise<void> {
  await db.insert(mailbox).values({ id: uuidv7(), ...mail });
  await db
    .delete(mailbox)
    .where(sql`${mailbox.receivedAt} < now() - make_interval(days => ${retentionDays})`);
}

/** Newest first by keyset on (received_at, id); `to` keeps mail addressed to that address. */
export async function listMail(
  db: NotificationExecutor,
  query: { to?: string | undefined; after?: { receivedAt: string; id: string } | undefined; limit: number },
): Promise<MailRow[]> {
  const conditions: SQL[] = [];
  if (query.to) conditions.push(sql`lower(${query.to}) = any(${mailbox.to})`);
  if (query.after) {
    conditions.push(
      sql`(${mailbox.receivedAt}, ${mailbox.id}) < (${query.after.receivedAt}::timestamptz, ${query.after.id}::uuid)`,
    );
  }
  return db
    .select()
    .from(mailbox)
    .where(and(...conditions))
    .orderBy(desc(mailbox.receivedAt), desc(mailbox.id))
    .limit(query.limit);
}

/** An erased account: the captured mail addressed to it goes too. */
export async function deleteMailTo(db: NotificationExecutor, address: string): Promise<void> {
  await db.delete(mailbox).where(sql`lower(${address}) = any(${mailbox.to})`);
}
