import { and, eq, lt, sql } from 'drizzle-orm';
import type { InboxTable } from './event-tables.js';
import type { SqlExecutor } from './sql-executor.js';

/**
 * Forgets handled events older than the retention. The retention must
 * outlast any redelivery (broker requeues, outbox re-publishes after a lost
 * lease, replays): a duplicate arriving after its row is gone would take effect again.
 */
export async function pruneInbox(db: SqlExecutor, inbox: InboxTable, retentionMs: number): Promise<void> {
  await db
    .delete(inbox)
    .where(
      and(
        eq(inbox.status, 'done'),
        lt(inbox.processedAt, sql`now() - ${retentionMs} * interval '1 millisecond'`),
      ),
    );
}
