import { and, asc, count, eq, gt, isNull } from 'drizzle-orm';
import { type DeadLetter, type DeadLetters, decodeCursor, encodeCursor, payloadOf } from './dead-letters.js';
import type { DeadLetterTable, InboxTable } from './event-tables.js';
import type { TransactionalDb } from './sql-executor.js';

/**
 * Dead letters kept in a service's `dead_letters` table (embedded mode).
 * Replay puts the event back in the consumer's inbox as a fresh pending
 * delivery and marks the dead letter replayed, in one transaction; the
 * in-process bus's worker picks it up on its next round.
 */
export function createTableDeadLetters(
  db: TransactionalDb,
  tables: { inbox: InboxTable; deadLetters: DeadLetterTable },
): DeadLetters {
  const { inbox, deadLetters: table } = tables;
  const waiting = (queue?: string) =>
    and(isNull(table.replayedAt), queue ? eq(table.queue, queue) : undefined);

  const toDeadLetter = (row: typeof table.$inferSelect): DeadLetter => ({
    id: String(row.id),
    queue: row.queue,
    eventId: row.eventId,
    eventType: row.eventType,
    reason: row.reason,
    error: row.error,
    attempts: row.attempts,
    deadAt: row.deadAt.toISOString(),
    payload: payloadOf(row.payload),
  });

  async function replayRow(row: typeof table.$inferSelect): Promise<void> {
    await db.transaction(async (tx) => {
      const marked = await tx
        .update(table)
        .set({ replayedAt: new Date() })
        .where(and(eq(table.id, row.id), isNull(table.replayedAt)))
        .returning({ id: table.id });
      if (marked.length === 0) return;
      const payload = payloadOf(row.payload);
      await tx
        .insert(inbox)
        .values({
          consumer: row.consumer,
          eventId: row.eventId ?? `dead-letter-${row.id}`,
          eventType: row.eventType ?? 'unknown',
          status: 'pending',
          envelope:
            typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {},
        })
        // Handled meanwhile (a duplicate got through): the replay has nothing left to do.
        .onConflictDoNothing();
    });
  }

  const isId = (id: string) => /^[1-9][0-9]{0,17}$/.test(id);

  return {
    async list({ queue, limit, cursor }) {
      const after = decodeCursor(cursor);
      const rows = await db
        .select()
        .from(table)
        .where(and(waiting(queue), after && isId(after) ? gt(table.id, Number(after)) : undefined))
        .orderBy(asc(table.id))
        .limit(limit + 1);
      const items = rows.slice(0, limit).map(toDeadLetter);
      return { items, nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!.id) : null };
    },
    async get(id) {
      if (!isId(id)) return undefined;
      const [row] = await db
        .select()
        .from(table)
        .where(eq(table.id, Number(id)));
      return row ? toDeadLetter(row) : undefined;
    },
    async replay(id) {
      if (!isId(id)) return false;
      const [row] = await db
        .select()
        .from(table)
        .where(and(eq(table.id, Number(id)), waiting()));
      if (!row) return false;
      await replayRow(row);
      return true;
    },
    async replayAll({ queue }) {
      const rows = await db.select().from(table).where(waiting(queue)).orderBy(asc(table.id));
      for (const row of rows) await replayRow(row);
      return rows.length;
    },
    async depth() {
      const rows = await db
        .select({ queue: table.queue, count: count() })
        .from(table)
        .where(waiting())
        .groupBy(table.queue);
      return rows.map((r) => ({ queue: r.queue, count: Number(r.count) }));
    },
  };
}
