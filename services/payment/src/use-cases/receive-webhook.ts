import type { Context } from '@opentelemetry/api';
import type { PaymentTx } from '../db/database.js';
import {
  findPayment,
  findPaymentIdByProviderReference,
  findPaymentIdByTransactionReference,
  lockProviderReference,
} from '../db/payments.repo.js';
import { markWebhookEvent, recordWebhookEvent } from '../db/webhook-events.repo.js';
import { paymentErrors } from '../domain/errors.js';
import type { ProviderName, WebhookStatus } from '../domain/payment-enums.js';
import {
  type PaymentMatch,
  type WebhookRequest,
  WebhookVerificationError,
} from '../providers/payment-provider.js';
import { applyProviderFacts, webhookStatusOf } from './apply-provider-facts.js';
import type { PaymentDeps } from './deps.js';
import { providerProblem } from './provider-errors.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type WebhookOutcome = WebhookStatus | 'duplicate';

/**
 * Takes a provider's webhook: the signature is verified first (a webhook
 * that fails it is refused with 400 and leaves no trace), then in one
 * transaction the event is stored once per provider event id (a redelivery
 * is acknowledged as `duplicate` and does nothing) and its facts are applied
 * to the payment it names. A webhook that names a payment not known yet (it
 * beat the API call that started it) is kept `unmatched` and applied when
 * the provider's reference reaches the payment.
 */
export async function receiveWebhook(
  deps: PaymentDeps,
  trace: Context | undefined,
  input: { provider: string; request: WebhookRequest },
): Promise<WebhookOutcome> {
  const provider = deps.providers.get(input.provider as ProviderName);
  if (!provider)
    throw paymentErrors.PROVIDER_NOT_AVAILABLE(`"${input.provider}" is not configured on this shop`);
  let webhook: Awaited<ReturnType<typeof provider.parseWebhook>>;
  try {
    webhook = await provider.parseWebhook(input.request);
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      deps.metrics.webhooks.inc({ provider: provider.name, outcome: 'invalid' });
      deps.logger.warn({ provider: provider.name, reason: error.message }, 'webhook refused');
      throw error.reason === 'signature'
        ? paymentErrors.WEBHOOK_SIGNATURE_INVALID(error.message)
        : paymentErrors.WEBHOOK_MALFORMED(error.message);
    }
    throw providerProblem(error);
  }

  const outcome = await deps.db.transaction(async (tx): Promise<WebhookOutcome> => {
    const key = { provider: provider.name, eventId: webhook.eventId };
    const fresh = await recordWebhookEvent(tx, {
      ...key,
      eventType: webhook.type,
      payload: webhook.payload,
      facts: webhook.facts,
      providerReference: webhook.match.providerReference ?? webhook.match.transactionReference ?? null,
    });
    if (!fresh) return 'duplicate';
    if (webhook.facts.length === 0) {
      await markWebhookEvent(tx, key, { status: 'ignored' });
      return 'ignored';
    }
    const paymentId = await paymentMatching(tx, provider.name, webhook.match);
    if (!paymentId) return 'unmatched';
    const applied = await applyProviderFacts(deps, tx, trace, paymentId, webhook.facts);
    const status = webhookStatusOf(applied, webhook.facts.length);
    await markWebhookEvent(tx, key, { status, paymentId });
    return status;
  });
  deps.metrics.webhooks.inc({ provider: provider.name, outcome });
  deps.logger.info(
    { provider: provider.name, eventId: webhook.eventId, eventType: webhook.type, outcome },
    'webhook received',
  );
  return outcome;
}

/** Our payment id when the provider echoed it, else the provider's payment reference, else a ledger row's. */
async function paymentMatching(
  tx: PaymentTx,
  provider: ProviderName,
  match: PaymentMatch,
): Promise<string | undefined> {
  if (match.paymentId && uuid.test(match.paymentId)) {
    const payment = await findPayment(tx, match.paymentId);
    if (payment?.provider === provider) return payment.id;
  }
  if (match.providerReference) {
    await lockProviderReference(tx, provider, match.providerReference);
    const id = await findPaymentIdByProviderReference(tx, provider, match.providerReference);
    if (id) return id;
  }
  if (match.transactionReference) {
    return findPaymentIdByTransactionReference(tx, provider, match.transactionReference);
  }
  return undefined;
}
