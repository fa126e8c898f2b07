import type { PaymentDb, PaymentTx } from './database.js';
import { webhookEvents } from './schema.js';

/**
 * Stores a provider's webhook once. Returns false when this (provider, event
 * id) was already received, so a redelivery is acknowledged without a second
 * effect. Signature checks and processing come with the providers.
 */
export async function recordWebhookEvent(
  db: PaymentDb | PaymentTx,
  event: { provider: string; eventId: string; payload: unknown },
): Promise<boolean> {
  const rows = await db
    .insert(webhookEvents)
    .values(event)
    .onConflictDoNothing()
    .returning({ eventId: webhookEvents.eventId });
  return rows.length === 1;
}
