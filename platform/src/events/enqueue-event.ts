import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { OutboxTable } from './event-tables.js';
import type { SqlExecutor } from './sql-executor.js';

/** The NOTIFY channel a service's relay listens on. */
export function outboxChannelOf(outbox: OutboxTable): string {
  return `${getTableConfig(outbox).schema ?? 'public'}_outbox`;
}

/**
 * Writes an event to the outbox inside the caller's transaction, so the event
 * exists exactly when the state change commits. The subject (aggregate id)
 * gets the next sequence number: a transaction-scoped advisory lock on the
 * subject makes concurrent producers of one aggregate take turns, so sequence
 * order is commit order. The NOTIFY wakes an idle relay on commit; it is
 * skipped while unsent rows wait, because a relay with a backlog is polling
 * anyway and NOTIFY serialises committing transactions (measured here:
 * producer throughput halved when every transaction notified).
 */
export async function enqueueEvent(
  tx: SqlExecutor,
  outbox: OutboxTable,
  envelope: AnyEnvelope,
): Promise<{ sequence: number }> {
  const channel = outboxChannelOf(outbox);
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`${channel}:${envelope.subject}`}, 0)),
      (select pg_notify(${channel}, '') where not exists (select 1 from ${outbox} where published_at is null))`,
  );
  // A separate statement, so its snapshot sees the rows of whoever held the lock before us.
  const result = await tx.execute<{ sequence: number }>(sql`
    insert into ${outbox} (event_id, event_type, aggregate_id, sequence, envelope)
    select ${envelope.id}::uuid, ${envelope.type}, ${envelope.subject}, next.seq,
           jsonb_set(${JSON.stringify(envelope)}::jsonb, '{aggregatesequence}', to_jsonb(next.seq))
    from (
      select coalesce(max(sequence), 0) + 1 as seq from ${outbox} where aggregate_id = ${envelope.subject}
    ) as next
    returning sequence`);
  return { sequence: Number(result.rows[0]!.sequence) };
}
