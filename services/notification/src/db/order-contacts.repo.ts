import { eq, sql } from 'drizzle-orm';
import type { NotificationExecutor } from './database.js';
import { orderContacts } from './schema.js';

export type OrderContact = typeof orderContacts.$inferSelect;

/** Keeps the newest contact of an order; a field an event does not carry (name, phone) keeps its value. */
export async function saveOrderContact(
  db: NotificationExecutor,
  contact: {
    orderId: string;
    number: string;
    customerId: string | null;
    email: string;
    name?: string | undefined;
    phone?: string | undefined;
  },
): Promise<void> {
  await db
    .insert(orderContacts)
    .values({ ...contact, name: contact.name ?? null, phone: contact.phone ?? null })
    .onConflictDoUpdate({
      target: orderContacts.orderId,
      set: {
        number: contact.number,
        customerId: contact.customerId,
        email: contact.email,
        name: sql`coalesce(excluded.name, ${orderContacts.name})`,
        phone: sql`coalesce(excluded.phone, ${orderContacts.phone})`,
        updatedAt: sql`now()`,
      },
    });
}

export async function findOrderContact(
  db: NotificationExecutor,
  orderId: string,
): Promise<OrderContact | undefined> {
  const [row] = await db.select().from(orderContacts).where(eq(orderContacts.orderId, orderId));
  return row;
}

/** An erased account's orders keep their number (payments still refer to it), not how to reach the person. */
export async function forgetCustomerContacts(db: NotificationExecutor, customerId: string): Promise<void> {
  await db.delete(orderContacts).where(eq(orderContacts.customerId, customerId));
}
