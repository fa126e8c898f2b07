import { and, asc, desc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Category, Channel, DeliveryStatus } from '../domain/channels.js';
import type { MessageContent } from '../domain/message-content.js';
import type { NotificationExecutor } from './database.js';
import { deliveries } from './schema.js';

export type DeliveryRow = typeof deliveries.$inferSelect;

export interface NewDelivery {
  channel: Channel;
  recipient: string;
  template: string;
  category?: Category;
  locale: string;
  subject: string | null;
  content?: MessageContent | null;
  status?: DeliveryStatus;
  eventId?: string | null;
  userId?: string | null;
}

/**
 * Queues messages. A row whose (event, channel, recipient) is already there
 * is skipped, so a redelivered event sends nothing twice; only the rows
 * actually written come back.
 */
export async function recordDeliveries(
  db: NotificationExecutor,
  rows: NewDelivery[],
): Promise<DeliveryRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(deliveries)
    .values(rows.map((row) => ({ id: uuidv7(), ...row })))
    .onConflictDoNothing({
      target: [deliveries.eventId, deliveries.channel, deliveries.recipient],
      where: sql`${deliveries.eventId} is not null`,
    })
    .returning();
}

/** Newest first, by keyset on (created_at, id): `after` is the last row of the previous page. */
export async function listDeliveries(
  db: NotificationExecutor,
  query: {
    channel?: Channel | undefined;
    status?: DeliveryStatus | undefined;
    userId?: string | undefined;
    after?: { createdAt: string; id: string } | undefined;
    limit: number;
  },
): Promise<DeliveryRow[]> {
  const conditions: SQL[] = [];
  if (query.channel) conditions.push(eq(deliveries.channel, query.channel));
  if (query.status) conditions.push(eq(deliveries.status, query.status));
  if (query.userId) conditions.push(eq(deliveries.userId, query.userId));
  if (query.after) {
    conditions.push(
      sql`(${deliveries.createdAt}, ${deliveries.id}) < (${query.after.createdAt}::timestamptz, ${query.after.id}::uuid)`,
    );
  }
  return db
    .select()
    .from(deliveries)
    .where(and(...conditions))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(query.limit);
}

/**
 * Claims up to `limit` due messages in one statement (no transaction is held
 * while they are sent): each claimed row counts an attempt and is pushed
 * `leaseMs` into the future, so a sender that dies mid-send leaves it to be
 * retried after the lease. Replicas skip each other's rows (SKIP LOCKED).
 * Only `channels` are claimed: a switched-off channel's messages wait.
 */
export async function claimDueDeliveries(
  db: NotificationExecutor,
  options: { limit: number; leaseMs: number; channels: Channel[] },
): Promise<DeliveryRow[]> {
  if (options.channels.length === 0) return [];
  const due = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.status, 'queued'),
        lte(deliveries.nextAttemptAt, sql`now()`),
        inArray(deliveries.channel, options.channels),
      ),
    )
    .orderBy(asc(deliveries.nextAttemptAt))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  return db
    .update(deliveries)
    .set({
      attempts: sql`${deliveries.attempts} + 1`,
      nextAttemptAt: sql`now() + make_interval(secs => ${options.leaseMs / 1000})`,
    })
    .where(inArray(deliveries.id, due))
    .returning();
}

export async function markSent(db: NotificationExecutor, id: string): Promise<void> {
  await db
    .update(deliveries)
    .set({ status: 'sent', sentAt: sql`now()`, error: null })
    .where(and(eq(deliveries.id, id), eq(deliveries.status, 'queued')));
}

/** Another attempt after `delayMs`, keeping the error for the log. */
export async function markRetry(
  db: NotificationExecutor,
  id: string,
  error: string,
  delayMs: number,
): Promise<void> {
  await db
    .update(deliveries)
    .set({ error, nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})` })
    .where(and(eq(deliveries.id, id), eq(deliveries.status, 'queued')));
}

/** Given up: attempts exhausted, or the recipient cannot be reached at all. */
export async function markFailed(db: NotificationExecutor, id: string, error: string): Promise<void> {
  await db
    .update(deliveries)
    .set({ status: 'failed', error })
    .where(and(eq(deliveries.id, id), eq(deliveries.status, 'queued')));
}

/** An erased account: its log keeps what was sent and when, not to whom or what it said. */
export async function anonymiseDeliveriesOf(db: NotificationExecutor, userId: string): Promise<void> {
  await db
    .update(deliveries)
    .set({
      recipient: 'erased',
      userId: null,
      content: null,
      subject: null,
      status: sql`case when ${deliveries.status} = 'queued' then 'failed' else ${deliveries.status} end`,
    })
    .where(eq(deliveries.userId, userId));
}

/** A failed message goes back in the queue with a fresh budget of attempts; other states are left alone. */
export async function requeueFailed(db: NotificationExecutor, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .update(deliveries)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: sql`now()` })
    .where(
      and(eq(deliveries.id, id), eq(deliveries.status, 'failed'), sql`${deliveries.content} is not null`),
    )
    .returning();
  return row;
}

export async function findDelivery(db: NotificationExecutor, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
  return row;
}
