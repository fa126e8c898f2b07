import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import { and, asc, eq, inArray, lte, notInArray, sql } from 'drizzle-orm';
import type { DeliveryStore, PendingDelivery } from './delivery-store.js';
import type { DeadLetterTable, InboxTable } from './event-tables.js';
import type { TransactionalDb } from './sql-executor.js';

/** The in-process bus's durable queue for one consumer: `pending` rows of its inbox. */
export function inboxDeliveryStore(
  db: TransactionalDb,
  tables: { inbox: InboxTable; deadLetters: DeadLetterTable },
  consumer: string,
): DeliveryStore {
  const { inbox, deadLetters } = tables;
  return {
    async accept(envelope: AnyEnvelope) {
      await db
        .insert(inbox)
        .values({
          consumer,
          eventId: envelope.id,
          eventType: envelope.type,
          status: 'pending',
          envelope: envelope as Record<string, unknown>,
        })
        .onConflictDoNothing();
    },

    async claimDue(types, limit, exclude) {
      if (limit <= 0 || types.length === 0) return [];
      const rows = await db
        .select({
          eventId: inbox.eventId,
          eventType: inbox.eventType,
          envelope: inbox.envelope,
          attempts: inbox.attempts,
        })
        .from(inbox)
        .where(
          and(
            eq(inbox.consumer, consumer),
            eq(inbox.status, 'pending'),
            lte(inbox.nextAttemptAt, sql`now()`),
            inArray(inbox.eventType, [...types]),
            exclude.length > 0 ? notInArray(inbox.eventId, [...exclude]) : undefined,
          ),
        )
        .orderBy(asc(inbox.receivedAt), asc(inbox.eventId))
        .limit(limit);
      return rows.map((row) => ({ ...row, envelope: row.envelope ?? {} }));
    },

    async scheduleRetry(eventId, delayMs, error) {
      await db
        .update(inbox)
        .set({
          attempts: sql`${inbox.attempts} + 1`,
          nextAttemptAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
          lastError: error.slice(0, 2000),
        })
        .where(and(eq(inbox.consumer, consumer), eq(inbox.eventId, eventId), eq(inbox.status, 'pending')));
    },

    async deadLetter(delivery: PendingDelivery, info) {
      await db.transaction(async (tx) => {
        const removed = await tx
          .delete(inbox)
          .where(
            and(
              eq(inbox.consumer, consumer),
              eq(inbox.eventId, delivery.eventId),
              eq(inbox.status, 'pending'),
            ),
          )
          .returning({ eventId: inbox.eventId });
        // Handled meanwhile (a duplicate delivery won): nothing to dead-letter.
        if (removed.length === 0) return;
        await tx.insert(deadLetters).values({
          consumer,
          queue: info.queue,
          eventId: delivery.eventId,
          eventType: delivery.eventType,
          reason: info.reason,
          error: info.error.slice(0, 2000),
          attempts: info.attempts,
          payload: JSON.stringify(delivery.envelope),
        });
      });
    },
  };
}
