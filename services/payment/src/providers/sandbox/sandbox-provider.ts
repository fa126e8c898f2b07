import {
  headerOf,
  type PaymentProvider,
  ProviderRejectedError,
  type ProviderWebhook,
  WebhookVerificationError,
} from '../payment-provider.js';
import { type HttpTransport, jsonOf } from '../provider-http.js';
import { factOfSandboxRefund, factsOfSandboxIntent, mapSandboxEvent } from './sandbox-mapping.js';
import { verifySandboxSignature } from './sandbox-signature.js';

export interface SandboxProviderSettings {
  /** The sandbox gateway's address (known once it listens). */
  baseUrl: () => string;
  apiKey: string;
  webhookSecret: string;
  webhookToleranceSeconds: number;
  transport: HttpTransport;
}

/**
 * The payment service's client of the sandbox gateway: it talks to it over
 * HTTP like to any remote gateway and never sees a card number, only tokens.
 */
export function createSandboxProvider(settings: SandboxProviderSettings): PaymentProvider {
  async function call(method: 'GET' | 'POST', path: string, idempotencyKey?: string, body?: unknown) {
    const response = await settings.transport({
      method,
      url: `${settings.baseUrl()}${path}`,
      headers: {
        authorization: `Bearer ${settings.apiKey}`,
        'content-type': 'application/json',
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = jsonOf('sandbox', response);
    if (response.status >= 400) {
      const error = (json.error ?? {}) as { code?: string; message?: string };
      throw new ProviderRejectedError('sandbox', error.code ?? 'unknown', error.message ?? 'refused');
    }
    return json;
  }

  return {
    name: 'sandbox',

    async authorize(input) {
      const intent = await call('POST', '/v1/payment_intents', input.idempotencyKey, {
        amount: input.amountMinor,
        currency: input.currency.toLowerCase(),
        token: input.token,
        capture_method: input.captureMethod,
      });
      return factsOfSandboxIntent(intent);
    },

    async capture(input) {
      const intent = await call(
        'POST',
        `/v1/payment_intents/${input.reference}/capture`,
        input.idempotencyKey,
        {
          amount: input.amountMinor,
        },
      );
      return factsOfSandboxIntent(intent);
    },

    async refund(input) {
      const refund = await call('POST', '/v1/refunds', input.idempotencyKey, {
        payment_intent: input.reference,
        amount: input.amountMinor,
      });
      const fact = factOfSandboxRefund(refund);
      return { reference: fact.reference!, status: 'succeeded', facts: [fact] };
    },

    async retrieve(reference) {
      return factsOfSandboxIntent(await call('GET', `/v1/payment_intents/${reference}`));
    },

    async parseWebhook(request): Promise<ProviderWebhook> {
      verifySandboxSignature(
        request.rawBody,
        headerOf(request.headers, 'sandbox-signature'),
        settings.webhookSecret,
        settings.webhookToleranceSeconds,
      );
      let payload: unknown;
      try {
        payload = JSON.parse(request.rawBody.toString('utf8'));
      } catch {
        throw new WebhookVerificationError('malformed', 'the body is not JSON');
      }
      return { ...mapSandboxEvent(payload), payload };
    },

    clientSettings: () => ({ tokenizeUrl: `${settings.baseUrl()}/v1/tokens` }),
  };
}
