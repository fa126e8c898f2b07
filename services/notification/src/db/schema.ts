import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
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
import type { MessageContent } from '../domain/message-content.js';

/** Everything the notification service owns lives in the `notification` Postgres schema. */
export const notification = pgSchema('notification');

/**
 * One row per message to one recipient on one channel: the delivery log, and
 * the dispatcher's queue. A consumer writes the row (status `queued`) in its
 * event's transaction; the dispatcher sends it after commit and marks it.
 */
export const deliveries = notification.table(
  'deliveries',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel').$type<Channel>().notNull(),
    /** An email address, a phone number, a push endpoint or a user id (live updates). */
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    category: text('category').$type<Category>().notNull().default('transactional'),
    locale: text('locale').notNull(),
    subject: text('subject'),
    /** What goes out, rendered when the row is written: a later template change never alters a queued message. */
    content: jsonb('content').$type<MessageContent>(),
    status: text('status').$type<DeliveryStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    /** When the dispatcher may (re)try; a claim pushes it past the send's lease, so a crashed sender's row comes back. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** The event that caused the message; a redelivered event finds its row and sends nothing more. */
    eventId: uuid('event_id'),
    userId: text('user_id'),
    /** Millisecond precision, so the outbox cursor (a JS Date) names a row exactly. */
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    check('deliveries_channel', sql`${t.channel} in ('email', 'sms', 'push', 'websocket')`),
    check('deliveries_status', sql`${t.status} in ('queued', 'sent', 'failed')`),
    check('deliveries_attempts', sql`${t.attempts} >= 0`),
    uniqueIndex('deliveries_event_recipient_once')
      .on(t.eventId, t.channel, t.recipient)
      .where(sql`${t.eventId} is not null`),
    // The outbox pages newest first by (created_at, id), overall and per channel.
    index('deliveries_outbox_idx').on(t.createdAt.desc(), t.id.desc()),
    index('deliveries_channel_outbox_idx').on(t.channel, t.createdAt.desc(), t.id.desc()),
    index('deliveries_user_idx')
      .on(t.userId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.userId} is not null`),
    // The dispatcher's queue: only rows still to send.
    index('deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
  ],
);

/** A user's choices; a missing row means the default for that channel and category. */
export const preferences = notification.table(
  'preferences',
  {
    userId: text('user_id').notNull(),
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

/** Web Push subscriptions (endpoint and keys from the browser's PushManager), one per browser. */
export const pushSubscriptions = notification.table(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey(),
    userId: text('user_id').notNull(),
    endpoint: text('endpoint').notNull().unique(),
    keys: jsonb('keys').$type<{ p256dh: string; auth: string }>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);

/**
 * What this service knows of each user, kept from user.registered / updated
 * and dropped on user.deleted: it never calls the user service to address a message.
 */
export const recipients = notification.table('recipients', {
  userId: text('user_id').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  locale: text('locale').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who to tell about an order, from order events: payment events carry only the order id and customer id. */
export const orderContacts = notification.table(
  'order_contacts',
  {
    orderId: text('order_id').primaryKey(),
    number: text('number').notNull(),
    customerId: text('customer_id'),
    email: text('email').notNull(),
    /** From the shipping address: how a guest is greeted. */
    name: text('name'),
    phone: text('phone'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_contacts_customer_idx').on(t.customerId)],
);

/** Mail the embedded SMTP server received (no SMTP_URL): what a developer would find in their inbox. */
export const mailbox = notification.table(
  'mailbox',
  {
    id: uuid('id').primaryKey(),
    messageId: text('message_id'),
    from: text('from').notNull(),
    to: text('to').array().notNull(),
    subject: text('subject').notNull(),
    text: text('text'),
    html: text('html'),
    size: integer('size').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('mailbox_received_idx').on(t.receivedAt.desc(), t.id.desc())],
);

/** The VAPID key pair generated when none is configured, kept so subscriptions survive restarts. */
export const vapidKeys = notification.table('vapid_keys', {
  id: text('id').primaryKey(),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const outbox = outboxTable(notification);
export const inbox = inboxTable(notification);
export const deadLetters = deadLetterTable(notification);
