import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import { sql } from 'drizzle-orm';
import type { OutboxTable } from './event-tables.js';
import type { SqlExecutor } from './sql-executor.js';

export interface ClaimedEvent {
  id: number;
  aggregateId: string;
  envelope: AnyEnvelope;
}

/**
 * Leases up to `limit` unsent rows to this relay, oldest first. `SKIP LOCKED`
 * lets several relays claim side by side; a row is only taken when every
 * earlier unsent row of its aggregate is taken with it, so no relay can
 * overtake another on one aggregate. The lease (not an open transaction)
 * holds the rows while they are published: a relay that dies loses its lease
 * after `leaseMs` and another publishes the rows again (at least once).
 */
export async function claimOutboxBatch(
  db: SqlExecutor,
  outbox: OutboxTable,
  options: { limit: number; leaseMs: number },
): Promise<ClaimedEvent[]> {
  const result = await db.execute<{ id: string; aggregate_id: string; envelope: AnyEnvelope }>(sql`
    with candidates as (
      select id, aggregate_id, sequence from ${outbox}
      where published_at is null
        and (next_attempt_at is null or next_attempt_at <= now())
        and (claimed_until is null or claimed_until < now())
      order by id
      limit ${options.limit}
      for update skip locked
    ),
    ready as (
      select c.id from candidates c
      where not exists (
        select 1 from ${outbox} earlier
        where earlier.aggregate_id = c.aggregate_id
          and earlier.sequence < c.sequence
          and earlier.published_at is null
          and earlier.id not in (select id from candidates)
      )
    )
    update ${outbox} as o
    set claimed_until = now() + ${options.leaseMs} * interval '1 millisecond'
    from ready where o.id = ready.id
    returning o.id, o.aggregate_id, o.envelope`);
  return result.rows
    .map((row) => ({ id: Number(row.id), aggregateId: row.aggregate_id, envelope: row.envelope }))
    .sort((a, b) => a.id - b.id);
}

export async function markPublished(db: SqlExecutor, outbox: OutboxTable, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`
    update ${outbox} set published_at = now(), claimed_until = null, last_error = null
    where id = any(${`{${ids.join(',')}}`}::bigint[])`);
}

/** Gives rows back unsent, with a growing delay before the next try when they failed. */
export async function releaseClaims(
  db: SqlExecutor,
  outbox: OutboxTable,
  ids: number[],
  failure?: { error: string; baseDelayMs: number; maxDelayMs: number },
): Promise<void> {
  if (ids.length === 0) return;
  const idList = `{${ids.join(',')}}`;
  if (!failure) {
    await db.execute(sql`update ${outbox} set claimed_until = null where id = any(${idList}::bigint[])`);
    return;
  }
  await db.execute(sql`
    update ${outbox} set
      claimed_until = null,
      attempts = attempts + 1,
      last_error = ${failure.error.slice(0, 2000)},
      next_attempt_at = now() + least(${failure.baseDelayMs} * power(2, least(attempts, 20)), ${failure.maxDelayMs})
        * interval '1 millisecond'
    where id = any(${idList}::bigint[])`);
}

export async function outboxBacklog(
  db: SqlExecutor,
  outbox: OutboxTable,
): Promise<{ count: number; oldestAgeSeconds: number }> {
  const result = await db.execute<{ count: string; oldest: string | null }>(sql`
    select count(*) as count, extract(epoch from now() - min(created_at)) as oldest
    from ${outbox} where published_at is null`);
  const row = result.rows[0];
  return { count: Number(row?.count ?? 0), oldestAgeSeconds: Math.max(0, Number(row?.oldest ?? 0)) };
}

/**
 * Deletes sent rows older than the retention, keeping each aggregate's latest
 * row so its sequence carries on where it stopped.
 */
export async function pruneOutbox(
  db: SqlExecutor,
  outbox: OutboxTable,
  retentionMs: number,
): Promise<number> {
  const result = await db.execute(sql`
    delete from ${outbox} where id in (
      select o.id from ${outbox} o
      where o.published_at < now() - ${retentionMs} * interval '1 millisecond'
        and exists (
          select 1 from ${outbox} later where later.aggregate_id = o.aggregate_id and later.sequence > o.sequence
        )
      limit 5000
    )`);
  return result.rowCount ?? 0;
}
