import {
  headerOf,
  type PaymentProvider,
  ProviderRejectedError,
  ProviderUnavailableError,
  type ProviderWebhook,
  WebhookVerificationError,
} from '../payment-provider.js';
import { type HttpTransport, jsonOf } from '../provider-http.js';
import { factsOfCaptureObject, factsOfOrder, factsOfPayPalRefund, mapPayPalEvent } from './paypal-mapping.js';
import { toPayPalValue } from './paypal-money.js';

export interface PayPalProviderSettings {
  /** `https://api-m.paypal.com`, or `https://api-m.sandbox.paypal.com` for PayPal's own sandbox. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** The id PayPal gave the webhook subscription: part of every signature check. */
  webhookId: string;
  transport: HttpTransport;
}

type Json = Record<string, unknown>;

/** The first `issue` of a PayPal error body (`INSTRUMENT_DECLINED`), else its `name`. */
function issueOf(body: Json): string {
  const details = body.details as Array<{ issue?: string }> | undefined;
  return details?.[0]?.issue ?? (typeof body.name === 'string' ? body.name : 'UNKNOWN');
}

/**
 * PayPal's REST APIs: Orders v2 (create, capture or authorise), Payments v2
 * (capture an authorisation, refund a capture) and the webhook signature
 * check of Notifications v1 (`verify-webhook-signature`). Card tokens are
 * PayPal vault ids (`payment_source.card.vault_id`). Every call carries a
 * `PayPal-Request-Id`, PayPal's idempotency key.
 */
export function createPayPalProvider(settings: PayPalProviderSettings): PaymentProvider {
  let accessToken: { value: string; expiresAt: number } | undefined;

  async function token(): Promise<string> {
    if (accessToken && accessToken.expiresAt > Date.now()) return accessToken.value;
    const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString('base64');
    const response = await settings.transport({
      method: 'POST',
      url: `${settings.apiUrl}/v1/oauth2/token`,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const body = jsonOf('paypal', response);
    if (response.status !== 200 || typeof body.access_token !== 'string') {
      throw new ProviderUnavailableError('paypal', `PayPal refused our credentials (${response.status})`);
    }
    const lifetimeSeconds = typeof body.expires_in === 'number' ? body.expires_in : 300;
    accessToken = { value: body.access_token, expiresAt: Date.now() + (lifetimeSeconds - 60) * 1000 };
    return accessToken.value;
  }

  async function call(method: 'GET' | 'POST', path: string, requestId?: string, body?: unknown) {
    const response = await settings.transport({
      method,
      url: `${settings.apiUrl}${path}`,
      headers: {
        authorization: `Bearer ${await token()}`,
        'content-type': 'application/json',
        prefer: 'return=representation',
        ...(requestId ? { 'paypal-request-id': requestId } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = response.text ? jsonOf('paypal', response) : {};
    if (response.status === 401) accessToken = undefined;
    return { status: response.status, body: json };
  }

  const ok = (answer: { status: number; body: Json }, what: string) => {
    if (answer.status >= 400) {
      throw new ProviderRejectedError('paypal', issueOf(answer.body), `PayPal refused to ${what}`);
    }
    return answer.body;
  };

  return {
    name: 'paypal',

    async authorize(input) {
      const intent = input.captureMethod === 'manual' ? 'AUTHORIZE' : 'CAPTURE';
      const created = ok(
        await call('POST', '/v2/checkout/orders', `${input.idempotencyKey}:create`, {
          intent,
          purchase_units: [
            {
              reference_id: input.orderId,
              custom_id: input.paymentId,
              invoice_id: input.paymentId,
              amount: {
                currency_code: input.currency,
                value: toPayPalValue(input.amountMinor, input.currency),
              },
            },
          ],
          payment_source: { card: { vault_id: input.token } },
        }),
        'create the order',
      );
      const orderId = String(created.id);
      // A vaulted card may complete the order at once; otherwise it is captured or authorised now.
      if (created.status === 'COMPLETED') return factsOfOrder(created);
      const step = intent === 'CAPTURE' ? 'capture' : 'authorize';
      const answer = await call(
        'POST',
        `/v2/checkout/orders/${orderId}/${step}`,
        `${input.idempotencyKey}:${step}`,
        {},
      );
      // A declined instrument answers 422: an outcome of the payment, not a fault of the request.
      if (answer.status === 422) {
        const reason = issueOf(answer.body);
        return {
          reference: orderId,
          facts: [
            {
              kind: 'failure',
              factId: `paypal:${orderId}:failure`,
              amountMinor: 0,
              currency: input.currency,
              reference: orderId,
              reasonCode: reason.toLowerCase(),
              reason: `PayPal declined the payment (${reason})`,
            },
          ],
        };
      }
      return factsOfOrder(ok(answer, step));
    },

    async capture(input) {
      if (!input.authorizationReference) {
        throw new ProviderRejectedError('paypal', 'NO_AUTHORIZATION', 'no PayPal authorization to capture');
      }
      const capture = ok(
        await call(
          'POST',
          `/v2/payments/authorizations/${input.authorizationReference}/capture`,
          input.idempotencyKey,
          {
            amount: {
              currency_code: input.currency,
              value: toPayPalValue(input.amountMinor, input.currency),
            },
            final_capture: true,
            invoice_id: `${input.paymentId}:capture`,
          },
        ),
        'capture the authorization',
      );
      return { reference: input.reference, facts: factsOfCaptureObject(input.reference, capture) };
    },

    async refund(input) {
      if (!input.captureReference) {
        throw new ProviderRejectedError('paypal', 'NO_CAPTURE', 'no PayPal capture to refund');
      }
      const body = ok(
        await call('POST', `/v2/payments/captures/${input.captureReference}/refund`, input.idempotencyKey, {
          amount: { currency_code: input.currency, value: toPayPalValue(input.amountMinor, input.currency) },
          custom_id: input.paymentId,
          invoice_id: input.refundId,
        }),
        'refund the capture',
      );
      const { refund, facts } = factsOfPayPalRefund(body);
      const status =
        refund.status === 'COMPLETED' ? 'succeeded' : refund.status === 'PENDING' ? 'pending' : 'failed';
      return {
        reference: refund.id,
        status,
        facts,
        failureCode: status === 'failed' ? refund.status.toLowerCase() : undefined,
      };
    },

    async retrieve(reference) {
      return factsOfOrder(ok(await call('GET', `/v2/checkout/orders/${reference}`), 'show the order'));
    },

    async parseWebhook(request): Promise<ProviderWebhook> {
      const header = (name: string) => headerOf(request.headers, name);
      const transmission = {
        auth_algo: header('paypal-auth-algo'),
        cert_url: header('paypal-cert-url'),
        transmission_id: header('paypal-transmission-id'),
        transmission_sig: header('paypal-transmission-sig'),
        transmission_time: header('paypal-transmission-time'),
      };
      if (Object.values(transmission).some((value) => !value)) {
        throw new WebhookVerificationError('signature', 'the PayPal transmission headers are missing');
      }
      const raw = request.rawBody.toString('utf8');
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        throw new WebhookVerificationError('malformed', 'the body is not JSON');
      }
      // The event goes back byte for byte: PayPal signed the body as sent, not a re-serialisation of it.
      const fields = JSON.stringify({ ...transmission, webhook_id: settings.webhookId });
      const verification = await call(
        'POST',
        '/v1/notifications/verify-webhook-signature',
        undefined,
        `${fields.slice(0, -1)},"webhook_event":${raw}}`,
      );
      if (verification.status !== 200 || verification.body.verification_status !== 'SUCCESS') {
        throw new WebhookVerificationError('signature', 'PayPal did not confirm the signature');
      }
      return { ...mapPayPalEvent(payload), payload };
    },

    clientSettings: () => ({ clientId: settings.clientId }),
  };
}
