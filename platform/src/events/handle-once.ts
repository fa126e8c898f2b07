import { sql } from 'drizzle-orm';
import type { InboxTable } from './event-tables.js';
import type { SqlExecutor, TransactionalDb } from './sql-executor.js';

export type HandleOutcome = 'handled' | 'duplicate';

/**
 * Runs `work` at most once per (consumer, event id): in one transaction it
 * first records the event in the inbox, then does the work, so the record
 * and the effect commit or roll back together. A redelivered event finds its
 * row already `done` and is acknowledged without effect. A `pending` row (a
 * delivery the in-process bus accepted) is turned `done` by the same upsert.
 */
export async function handleOnce(
  db: TransactionalDb,
  inbox: InboxTable,
  consumer: string,
  envelope: { id: string; type: string },
  work: (tx: SqlExecutor) => Promise<void>,
): Promise<HandleOutcome> {
  return db.transaction(async (tx) => {
    const taken = await tx
      .insert(inbox)
      .values({
        consumer,
        eventId: envelope.id,
        eventType: envelope.type,
        status: 'done',
        processedAt: sql`now()`,
      })
      .onConflictDoUpdate({
        target: [inbox.consumer, inbox.eventId],
        set: { status: 'done', envelope: null, lastError: null, processedAt: sql`now()` },
        setWhere: sql`${inbox.status} = 'pending'`,
      })
      .returning({ eventId: inbox.eventId });
    if (taken.length === 0) return 'duplicate';
    await work(tx);
    return 'handled';
  });
}
