import { bigserial, integer, pgSchema, text } from 'drizzle-orm/pg-core';
import { deadLetterTable, inboxTable, outboxTable } from '../../../src/events/event-tables.js';

/** A stand-in service schema: the event tables spread in exactly as a service does, plus state to change. */
export const shop = pgSchema('events_test');

export const outbox = outboxTable(shop);
export const inbox = inboxTable(shop);
export const deadLetters = deadLetterTable(shop);

/** The producer's state: changed in the same transaction as its event. */
export const accounts = shop.table('accounts', {
  id: text('id').primaryKey(),
  balance: integer('balance').notNull(),
});

/** The consumer's effects: one row per handled event, no uniqueness, so a second effect would show. */
export const effects = shop.table('effects', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  eventId: text('event_id').notNull(),
  subject: text('subject').notNull(),
  sequence: integer('sequence'),
});

export const tables = { outbox, inbox, deadLetters };
