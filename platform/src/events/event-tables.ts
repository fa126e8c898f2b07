import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  type PgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The event tables a service spreads into its own `db/schema.ts`, so
 * drizzle-kit generates them into the service's migrations and they live in
 * the service's own Postgres schema:
 *
 *   export const outbox = outboxTable(orders);
 *   export const inbox = inboxTable(orders);
 *   export const deadLetters = deadLetterTable(orders);
 */

/**
 * Events written in the same transaction as the state change they report.
 * `sequence` numbers each aggregate's events (1, 2, 3 … per `aggregate_id`) in
 * commit order; the relay publishes an aggregate's rows strictly in that
 * order. `claimed_until` is a relay's lease on a row it is publishing, so no
 * transaction stays open across a broker round trip.
 */
export function outboxTable<Name extends string>(schema: PgSchema<Name>) {
  return schema.table(
    'outbox',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      eventId: uuid('event_id').notNull(),
      eventType: text('event_type').notNull(),
      aggregateId: text('aggregate_id').notNull(),
      sequence: integer('sequence').notNull(),
      /** The whole CloudEvents envelope, as published. */
      envelope: jsonb('envelope').$type<Record<string, unknown>>().notNull(),
      createdAt: at('created_at').notNull().defaultNow(),
      attempts: integer('attempts').notNull().default(0),
      nextAttemptAt: at('next_attempt_at'),
      claimedUntil: at('claimed_until'),
      lastError: text('last_error'),
      publishedAt: at('published_at'),
    },
    (t) => [
      uniqueIndex('outbox_event_id_key').on(t.eventId),
      uniqueIndex('outbox_aggregate_sequence_key').on(t.aggregateId, t.sequence),
      index('outbox_unpublished_idx').on(t.id).where(sql`${t.publishedAt} is null`),
      index('outbox_published_at_idx').on(t.publishedAt),
    ],
  );
}

/**
 * One row per (consumer, event) this service has taken in. `done` rows make
 * a redelivery a no-op; `pending` rows are deliveries the in-process bus
 * accepted durably and has not handled yet (embedded mode's queue).
 */
export function inboxTable<Name extends string>(schema: PgSchema<Name>) {
  return schema.table(
    'inbox',
    {
      consumer: text('consumer').notNull(),
      eventId: text('event_id').notNull(),
      eventType: text('event_type').notNull(),
      status: text('status', { enum: ['pending', 'done'] }).notNull(),
      /** Kept while pending (the delivery itself); cleared once handled. */
      envelope: jsonb('envelope').$type<Record<string, unknown>>(),
      attempts: integer('attempts').notNull().default(0),
      nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
      lastError: text('last_error'),
      receivedAt: at('received_at').notNull().default(sql`clock_timestamp()`),
      processedAt: at('processed_at'),
    },
    (t) => [
      primaryKey({ columns: [t.consumer, t.eventId] }),
      index('inbox_pending_idx').on(t.consumer, t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
      index('inbox_processed_at_idx').on(t.processedAt),
    ],
  );
}

/**
 * Messages a consumer gave up on: poison (failed validation, never retried)
 * or exhausted (the handler kept failing). Kept until replayed; `payload` is
 * the message exactly as received, even when it is not JSON.
 */
export function deadLetterTable<Name extends string>(schema: PgSchema<Name>) {
  return schema.table(
    'dead_letters',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      consumer: text('consumer').notNull(),
      queue: text('queue').notNull(),
      eventId: text('event_id'),
      eventType: text('event_type'),
      reason: text('reason', { enum: ['poison', 'exhausted'] }).notNull(),
      error: text('error').notNull(),
      attempts: integer('attempts').notNull(),
      payload: text('payload').notNull(),
      deadAt: at('dead_at').notNull().defaultNow(),
      replayedAt: at('replayed_at'),
    },
    (t) => [index('dead_letters_waiting_idx').on(t.queue, t.id).where(sql`${t.replayedAt} is null`)],
  );
}

export type OutboxTable = ReturnType<typeof outboxTable>;
export type InboxTable = ReturnType<typeof inboxTable>;
export type DeadLetterTable = ReturnType<typeof deadLetterTable>;

export interface EventTables {
  outbox: OutboxTable;
  inbox: InboxTable;
  deadLetters: DeadLetterTable;
}
