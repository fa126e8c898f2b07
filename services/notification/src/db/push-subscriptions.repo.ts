import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { NotificationExecutor } from './database.js';
import { pushSubscriptions } from './schema.js';

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/**
 * A browser's endpoint belongs to whoever subscribed last on it (one browser,
 * one endpoint): subscribing again updates the keys and the owner.
 */
export async function savePushSubscription(
  db: NotificationExecutor,
  subscription: { userId: string; endpoint: string; keys: { p256dh: string; auth: string } },
): Promise<PushSubscriptionRow> {
  const [row] = await db
    .insert(pushSubscriptions)
    .values({ id: uuidv7(), ...subscription })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { userId: subscription.userId, keys: subscription.keys, createdAt: sql`now()` },
    })
    .returning();
  return row!;
}

export async function deletePushSubscription(
  db: NotificationExecutor,
  where: { endpoint: string; userId?: string },
): Promise<boolean> {
  const conditions = [eq(pushSubscriptions.endpoint, where.endpoint)];
  if (where.userId) conditions.push(eq(pushSubscriptions.userId, where.userId));
  const removed = await db
    .delete(pushSubscriptions)
    .where(and(...conditions))
    .returning({ id: pushSubscriptions.id });
  return removed.length > 0;
}

export async function pushSubscriptionsOf(
  db: NotificationExecutor,
  userId: string,
): Promise<PushSubscriptionRow[]> {
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
}

export async function findPushSubscription(
  db: NotificationExecutor,
  endpoint: string,
): Promise<PushSubscriptionRow | undefined> {
  const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
  return row;
}

export async function deletePushSubscriptionsOf(db: NotificationExecutor, userId: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
}
