import { and, eq, sql } from 'drizzle-orm';
import type { WebhookStatus } from '../domain/payment-enums.js';
import type { ProviderFact } from '../providers/payment-provider.js';
import type { PaymentDb, PaymentTx } from './database.js';
import { webhookEvents } from './schema.js';

type Executor = PaymentDb | PaymentTx;

export interface StoredWebhook {
  provider: string;
  eventId: string;
  eventType: string;
  facts: ProviderFact[];
}

const stored = {
  provider: webhookEvents.provider,
  eventId: webhookEvents.eventId,
  eventType: webhookEvents.eventType,
  facts: webhookEvents.facts,
};

/**
 * Stores a provider's webhook once. Returns false when this (provider, event
 * id) was already received, so a redelivery is acknowledged without a second
 * effect: concurrent twins wait on the primary key, and the loser sees a conflict.
 */
export async function recordWebhookEvent(
  db: Executor,
  event: {
    provider: string;
    eventId: string;
    payload: unknown;
    eventType?: string;
    facts?: ProviderFact[];
    providerReference?: string | null;
  },
): Promise<boolean> {
  const rows = await db
    .insert(webhookEvents)
    .values({ ...event, status: 'unmatched' })
    .onConflictDoNothing()
    .returning({ eventId: webhookEvents.eventId });
  return rows.length === 1;
}

export async function markWebhookEvent(
  tx: PaymentTx,
  key: { provider: string; eventId: string },
  outcome: { status: WebhookStatus; paymentId?: string | null; error?: string | null },
): Promise<void> {
  await tx
    .update(webhookEvents)
    .set({ ...outcome, processedAt: sql`now()` })
    .where(and(eq(webhookEvents.provider, key.provider), eq(webhookEvents.eventId, key.eventId)));
}

/** Webhooks that named this provider reference before any payment knew it, oldest first. */
export async function unmatchedWebhooks(
  tx: PaymentTx,
  provider: string,
  providerReference: string,
): Promise<StoredWebhook[]> {
  const rows = await tx
    .select(stored)
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.provider, provider),
        eq(webhookEvents.providerReference, providerReference),
        eq(webhookEvents.status, 'unmatched'),
      ),
    )
    .orderBy(webhookEvents.receivedAt);
  return rows as StoredWebhook[];
}

/** Webhooks of a payment whose facts waited for earlier ones (a refund before its capture). */
export async function deferredWebhooks(tx: PaymentTx, paymentId: string): Promise<StoredWebhook[]> {
  const rows = await tx
    .select(stored)
    .from(webhookEvents)
    .where(and(eq(webhookEvents.paymentId, paymentId), eq(webhookEvents.status, 'deferred')))
    .orderBy(webhookEvents.receivedAt);
  return rows as StoredWebhook[];
}
