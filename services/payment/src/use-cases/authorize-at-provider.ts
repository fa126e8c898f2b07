import type { Context } from '@opentelemetry/api';
import { lockProviderReference, setProviderReference } from '../db/payments.repo.js';
import { markWebhookEvent, unmatchedWebhooks } from '../db/webhook-events.repo.js';
import type { Payment } from '../domain/payment.js';
import type { ProviderName } from '../domain/payment-enums.js';
import { type ProviderOutcome, ProviderRejectedError } from '../providers/payment-provider.js';
import { applyProviderFacts, webhookStatusOf } from './apply-provider-facts.js';
import type { PaymentDeps } from './deps.js';
import { providerProblem } from './provider-errors.js';

/**
 * Asks the payment's provider to authorise it (and capture, when automatic)
 * with the payment id as idempotency key, so a repeat after a crash or a
 * timeout never charges twice. Then, in one transaction: the provider's
 * reference is attached, what its answer already tells goes to the ledger,
 * and webhooks that arrived first (stored unmatched under that reference)
 * are applied. A provider refusing the payment method is a failed payment.
 */
export async function authorizeAtProvider(
  deps: PaymentDeps,
  trace: Context | undefined,
  payment: Payment,
  token: string,
): Promise<void> {
  const provider = deps.providers.get(payment.provider as ProviderName);
  if (!provider) throw new Error(`provider ${payment.provider} is not configured`);
  let outcome: ProviderOutcome | undefined;
  try {
    outcome = await provider.authorize({
      paymentId: payment.id,
      orderId: payment.orderId,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      token,
      captureMethod: payment.captureMethod,
      idempotencyKey: `payment-${payment.id}`,
    });
  } catch (error) {
    if (!(error instanceof ProviderRejectedError)) throw providerProblem(error);
    await deps.db.transaction((tx) =>
      applyProviderFacts(deps, tx, trace, payment.id, [
        {
          kind: 'failure',
          factId: `${provider.name}:${payment.id}:rejected`,
          amountMinor: 0,
          currency: payment.currency,
          reference: null,
          reasonCode: error.providerCode.toLowerCase(),
          reason: error.message,
        },
      ]),
    );
    return;
  }
  const { reference, facts } = outcome;
  await deps.db.transaction(async (tx) => {
    await lockProviderReference(tx, provider.name, reference);
    if (payment.providerReference !== reference) await setProviderReference(tx, payment.id, reference);
    await applyProviderFacts(deps, tx, trace, payment.id, facts);
    for (const webhook of await unmatchedWebhooks(tx, provider.name, reference)) {
      const applied = await applyProviderFacts(deps, tx, trace, payment.id, webhook.facts);
      await markWebhookEvent(tx, webhook, {
        status: webhookStatusOf(applied, webhook.facts.length),
        paymentId: payment.id,
      });
      deps.logger.info({ paymentId: payment.id, eventId: webhook.eventId }, 'early webhook applied');
    }
  });
}
