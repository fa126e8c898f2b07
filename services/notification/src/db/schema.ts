import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Category, Channel, DeliveryStatus } from '../domain/channels.js';

/** Everything the notification service owns lives in the `notification` Postgres schema. */
export const notification = pgSchema('notification');

/** One row per message to one recipient on one channel: the delivery log admins read as the outbox. */
export const deliveries = notification.table(
  'deliveries',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel').$type<Channel>().notNull(),
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject'),
    status: text('status').$type<DeliveryStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    /** The event that caused the message; a redelivered event finds its row and sends nothing more. */
    eventId: uuid('event_id'),
    userId: uuid('user_id'),
    /** Millisecond precision, so the outbox cursor (a JS Date) names a row exactly. */
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    check('deliveries_channel', sql`${t.channel} in ('email', 'sms', 'push', 'websocket')`),
    check('deliveries_status', sql`${t.status} in ('queued', 'sent', 'failed')`),
    check('deliveries_attempts', sql`${t.attempts} >= 0`),
    uniqueIndex('deliveries_event_once')
      .on(t.eventId, t.channel, t.template)
      .where(sql`${t.eventId} is not null`),
    // The outbox pages newest first by (created_at, id), overall and per channel.
    index('deliveries_outbox_idx').on(t.createdAt.desc(), t.id.desc()),
    index('deliveries_channel_outbox_idx').on(t.channel, t.createdAt.desc(), t.id.desc()),
    index('deliveries_user_idx').on(t.userId, t.createdAt).where(sql`${t.userId} is not null`),
  ],
);

/** A user's choices; a missing row means the default for that channel and category. */
export const preferences = notification.table(
  'preferences',
  {
    userId: uuid('user_id').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    category: text('category').$type<Category>().notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.channel, t.category] }),
    check('preferences_channel', sql`${t.channel} in ('email', 'sms', 'push', 'websocket')`),
    check('preferences_category', sql`${t.category} in ('transactional', 'marketing', 'alerts')`),
    // Transactional mail cannot be turned off, whatever writes the row.
    check(
      'preferences_transactional_email',
      sql`not (${t.channel} = 'email' and ${t.category} = 'transactional' and not ${t.enabled})`,
    ),
  ],
);

/** Web Push subscriptions (endpoint and VAPID keys from the browser), used by the push channel later. */
export const pushSubscriptions = notification.table(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    endpoint: text('endpoint').notNull().unique(),
    keys: jsonb('keys').$type<{ p256dh: string; auth: string }>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);
