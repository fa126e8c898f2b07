import type Stripe from 'stripe';
import type { LedgerFact, ProviderFact, ProviderWebhook } from '../payment-provider.js';
import { WebhookVerificationError } from '../payment-provider.js';

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? undefined);

function fact(
  kind: LedgerFact['kind'],
  factId: string,
  amountMinor: number,
  currency: string,
  reference: string | null,
  extra: Partial<LedgerFact> = {},
): LedgerFact {
  return {
    kind,
    factId: `stripe:${factId}`,
    amountMinor,
    currency: currency.toUpperCase(),
    reference,
    ...extra,
  };
}

function failureOf(intent: Stripe.PaymentIntent, error = intent.last_payment_error): LedgerFact[] {
  if (!error) return [];
  return [
    fact('failure', `${intent.id}:failure`, 0, intent.currency, error.charge ?? intent.id, {
      reasonCode: error.decline_code ?? error.code ?? 'payment_failed',
      reason: error.message ?? 'The payment failed.',
    }),
  ];
}

/**
 * What a PaymentIntent says happened: authorised (`requires_capture`),
 * captured (`succeeded`: authorised and captured at once), failed (a last
 * payment error while it waits for another method), or cancelled. The fact
 * ids hang on the intent, so its API answer and its webhooks agree.
 */
export function factsOfPaymentIntent(intent: Stripe.PaymentIntent): ProviderFact[] {
  const charge = idOf(intent.latest_charge) ?? null;
  switch (intent.status) {
    case 'requires_capture':
      return [
        fact(
          'authorization',
          `${intent.id}:authorization`,
          intent.amount_capturable,
          intent.currency,
          intent.id,
        ),
      ];
    case 'succeeded': {
      const facts: ProviderFact[] = [
        fact('authorization', `${intent.id}:authorization`, intent.amount, intent.currency, intent.id),
        fact('capture', `${intent.id}:capture`, intent.amount_received, intent.currency, charge),
      ];
      const latest = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
      if (latest && latest.amount_refunded > 0) facts.push(...refundsOfCharge(latest));
      return facts;
    }
    case 'requires_payment_method':
      return failureOf(intent);
    case 'canceled':
      return [fact('void', `${intent.id}:void`, 0, intent.currency, intent.id)];
    default:
      // processing, requires_action, requires_confirmation: nothing decided yet.
      return [];
  }
}

/** A refund counts once Stripe says it `succeeded`; `pending` ones wait for their update. */
export function factsOfRefund(refund: Stripe.Refund): LedgerFact[] {
  return refund.status === 'succeeded'
    ? [fact('refund', refund.id, refund.amount, refund.currency, refund.id)]
    : [];
}

/**
 * `charge.refunded` carries the running total refunded. Its refunds list is
 * only there when expanded (API versions since 2022-11-15), and then holds
 * at most one page: with the full list each refund is recorded by its id,
 * otherwise the total, and the ledger records what it lacks.
 */
export function refundsOfCharge(charge: Stripe.Charge): ProviderFact[] {
  const list = charge.refunds;
  if (list && !list.has_more) return list.data.flatMap(factsOfRefund);
  return [
    {
      kind: 'refunded_total',
      factId: `stripe:${charge.id}:refunded:${charge.amount_refunded}`,
      totalMinor: charge.amount_refunded,
      currency: charge.currency.toUpperCase(),
      reference: charge.id,
    },
  ];
}

const metadataPaymentId = (metadata: Stripe.Metadata | null | undefined) => metadata?.paymentId || undefined;

/** Maps a verified Stripe event to facts; types that move no money are kept but ignored. */
export function mapStripeEvent(event: Stripe.Event): Omit<ProviderWebhook, 'payload'> {
  const base = { eventId: event.id, type: event.type };
  try {
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.amount_capturable_updated':
      case 'payment_intent.canceled': {
        const intent = event.data.object;
        const match = { paymentId: metadataPaymentId(intent.metadata), providerReference: intent.id };
        return { ...base, match, facts: factsOfPaymentIntent(intent) };
      }
      case 'payment_intent.payment_failed': {
        const intent = event.data.object;
        const match = { paymentId: metadataPaymentId(intent.metadata), providerReference: intent.id };
        return { ...base, match, facts: failureOf(intent) };
      }
      case 'charge.refunded': {
        const charge = event.data.object;
        const match = { providerReference: idOf(charge.payment_intent), transactionReference: charge.id };
        return { ...base, match, facts: refundsOfCharge(charge) };
      }
      case 'refund.created':
      case 'refund.updated':
      case 'charge.refund.updated': {
        const refund = event.data.object;
        const match = {
          paymentId: metadataPaymentId(refund.metadata),
          providerReference: idOf(refund.payment_intent),
          transactionReference: idOf(refund.charge),
        };
        return { ...base, match, facts: factsOfRefund(refund) };
      }
      case 'charge.dispute.created': {
        const dispute = event.data.object;
        const match = {
          providerReference: idOf(dispute.payment_intent),
          transactionReference: idOf(dispute.charge),
        };
        return {
          ...base,
          match,
          facts: [fact('dispute', dispute.id, dispute.amount, dispute.currency, dispute.id)],
        };
      }
      default:
        return { ...base, match: {}, facts: [] };
    }
  } catch (error) {
    // A documented type whose object lacks what the mapping reads: not an event Stripe sends.
    throw new WebhookVerificationError('malformed', `stripe ${event.type}: ${(error as Error).message}`);
  }
}
