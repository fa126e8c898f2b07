import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import { sql } from 'drizzle-orm';
import { outboxChannelOf } from './enqueue-event.js';
import type { OutboxTable } from './event-tables.js';
import type { SqlExecutor } from './sql-executor.js';

/**
 * `enqueueEvent` for many events in one transaction (a bulk import, a seed, a
 * change that touches many aggregates): three statements whatever the count,
 * instead of two per event. The same guarantees: each subject's advisory
 * lock is taken (in a fixed order, so two bulk writers cannot deadlock), and
 * each event gets its subject's next sequence, in the order given.
 */
export async function enqueueEvents(
  tx: SqlExecutor,
  outbox: OutboxTable,
  envelopes: readonly AnyEnvelope[],
): Promise<void> {
  if (envelopes.length === 0) return;
  const channel = outboxChannelOf(outbox);
  const subjects = [...new Set(envelopes.map((envelope) => envelope.subject))].sort();
  await tx.execute(
    sql`select count(pg_advisory_xact_lock(hashtextextended(${`${channel}:`} || s, 0)))
      from (select jsonb_array_elements_text(${JSON.stringify(subjects)}::jsonb) as s order by 1) as locked`,
  );
  await tx.execute(
    sql`select pg_notify(${channel}, '') where not exists (select 1 from ${outbox} where published_at is null)`,
  );
  // A separate statement, so its snapshot sees the rows of whoever held the locks before us.
  await tx.execute(sql`
    with given as (
      select e.value as envelope, e.ordinality as position, e.value->>'subject' as subject
      from jsonb_array_elements(${JSON.stringify(envelopes)}::jsonb) with ordinality as e
    ), numbered as (
      select given.*,
        coalesce((select max(sequence) from ${outbox} o where o.aggregate_id = given.subject), 0)
          + row_number() over (partition by given.subject order by given.position) as seq
      from given
    )
    insert into ${outbox} (event_id, event_type, aggregate_id, sequence, envelope)
    select (envelope->>'id')::uuid, envelope->>'type', subject, seq,
           jsonb_set(envelope, '{aggregatesequence}', to_jsonb(seq))
    from numbered
    order by position`);
}
