import Stripe from 'stripe';
import {
  headerOf,
  type PaymentProvider,
  ProviderRejectedError,
  ProviderUnavailableError,
  type ProviderWebhook,
  WebhookVerificationError,
} from '../payment-provider.js';
import { factsOfPaymentIntent, factsOfRefund, mapStripeEvent } from './stripe-mapping.js';

export interface StripeProviderSettings {
  secretKey: string;
  webhookSecret: string;
  publishableKey?: string | undefined;
  webhookToleranceSeconds: number;
  timeoutMs: number;
  /** Tests pass a transport standing in for api.stripe.com, which cannot be reached from here. */
  httpClient?: Stripe.HttpClient | undefined;
}

/** Stripe's errors, sorted into what the use cases act on. */
function translate(error: unknown): never {
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError) {
    throw new ProviderUnavailableError('stripe', error.message, { cause: error });
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    throw new ProviderUnavailableError('stripe', error.message, { cause: error });
  }
  if (error instanceof Stripe.errors.StripeError) {
    throw new ProviderRejectedError('stripe', error.code ?? error.type, error.message);
  }
  throw error;
}

/**
 * Stripe through its official SDK and PaymentIntents: one intent per
 * payment, confirmed at once with the card token, our payment id as its
 * idempotency key and in its metadata (so webhooks find the payment even
 * before the API call returns). Webhooks are verified with
 * `stripe.webhooks.constructEvent` (Stripe's signature scheme).
 */
export function createStripeProvider(settings: StripeProviderSettings): PaymentProvider {
  const stripe = new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: settings.timeoutMs,
    ...(settings.httpClient ? { httpClient: settings.httpClient } : {}),
  });

  return {
    name: 'stripe',

    async authorize(input) {
      const paymentMethod = input.token.startsWith('pm_')
        ? { payment_method: input.token }
        : { payment_method_data: { type: 'card' as const, card: { token: input.token } } };
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: input.amountMinor,
            currency: input.currency.toLowerCase(),
            confirm: true,
            capture_method: input.captureMethod === 'manual' ? 'manual' : 'automatic',
            // Confirmed server-side with a card: nothing to redirect the customer to.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            ...paymentMethod,
            metadata: { paymentId: input.paymentId, orderId: input.orderId },
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return { reference: intent.id, facts: factsOfPaymentIntent(intent) };
      } catch (error) {
        // A decline answers 402 with the failed intent: that is an outcome, not an error.
        if (error instanceof Stripe.errors.StripeCardError && error.payment_intent) {
          const intent = error.payment_intent;
          return { reference: intent.id, facts: factsOfPaymentIntent(intent) };
        }
        return translate(error);
      }
    },

    async capture(input) {
      try {
        const intent = await stripe.paymentIntents.capture(
          input.reference,
          { amount_to_capture: input.amountMinor },
          { idempotencyKey: input.idempotencyKey },
        );
        return { reference: intent.id, facts: factsOfPaymentIntent(intent) };
      } catch (error) {
        return translate(error);
      }
    },

    async refund(input) {
      try {
        const refund = await stripe.refunds.create(
          {
            payment_intent: input.reference,
            amount: input.amountMinor,
            metadata: { paymentId: input.paymentId, refundId: input.refundId },
          },
          { idempotencyKey: input.idempotencyKey },
        );
        const status =
          refund.status === 'succeeded' ? 'succeeded' : refund.status === 'pending' ? 'pending' : 'failed';
        return {
          reference: refund.id,
          status,
          facts: factsOfRefund(refund),
          failureCode: refund.failure_reason ?? undefined,
        };
      } catch (error) {
        return translate(error);
      }
    },

    async retrieve(reference) {
      try {
        const intent = await stripe.paymentIntents.retrieve(reference, { expand: ['latest_charge'] });
        return { reference: intent.id, facts: factsOfPaymentIntent(intent) };
      } catch (error) {
        return translate(error);
      }
    },

    async parseWebhook(request): Promise<ProviderWebhook> {
      const signature = headerOf(request.headers, 'stripe-signature');
      if (!signature) throw new WebhookVerificationError('signature', 'no Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          request.rawBody,
          signature,
          settings.webhookSecret,
          settings.webhookToleranceSeconds,
        );
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
          throw new WebhookVerificationError('signature', error.message);
        }
        throw new WebhookVerificationError('malformed', (error as Error).message);
      }
      return { ...mapStripeEvent(event), payload: event };
    },

    clientSettings: (): Record<string, string> =>
      settings.publishableKey ? { publishableKey: settings.publishableKey } : {},
  };
}
