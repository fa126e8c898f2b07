import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Channel, DeliveryStatus } from '../domain/channels.js';
import type { NotificationDb } from './database.js';
import { deliveries } from './schema.js';

export type DeliveryRow = typeof deliveries.$inferSelect;

export interface NewDelivery {
  channel: Channel;
  recipient: string;
  template: string;
  locale: string;
  subject: string | null;
  status?: DeliveryStatus;
  eventId?: string | null;
  userId?: string | null;
}

/**
 * Logs messages about to go out. A row whose (event, channel, template) is
 * already logged is skipped, so a redelivered event sends nothing twice; the
 * caller sends only what comes back.
 */
export async function recordDeliveries(db: NotificationDb, rows: NewDelivery[]): Promise<DeliveryRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(deliveries)
    .values(rows.map((row) => ({ id: uuidv7(), ...row })))
    .onConflictDoNothing({
      target: [deliveries.eventId, deliveries.channel, deliveries.template],
      where: sql`${deliveries.eventId} is not null`,
    })
    .returning();
}

/** Newest first, by keyset on (created_at, id): `after` is the last row of the previous page. */
export async function listOutbox(
  db: NotificationDb,
  query: {
    channel?: Channel;
    status?: DeliveryStatus;
    after?: { createdAt: string; id: string };
    limit: number;
  },
): Promise<DeliveryRow[]> {
  const conditions: SQL[] = [];
  if (query.channel) conditions.push(eq(deliveries.channel, query.channel));
  if (query.status) conditions.push(eq(deliveries.status, query.status));
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
