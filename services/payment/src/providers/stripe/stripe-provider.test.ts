import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import {
  ProviderUnavailableError,
  type WebhookRequest,
  WebhookVerificationError,
} from '../payment-provider.js';
import { createStripeProvider } from './stripe-provider.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');
const secret = 'whsec_test_emporium';

interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

/** Stands in for api.stripe.com (unreachable from here) behind the SDK's own fetch client. */
function fakeStripe(answer: (request: SeenRequest) => { status: number; body: unknown }) {
  const seen: SeenRequest[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: String(init?.body ?? ''),
    };
    seen.push(request);
    const { status, body } = answer(request);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'request-id': 'req_test' },
    });
  }) as typeof fetch;
  const provider = createStripeProvider({
    secretKey: 'sk_test_emporium',
    webhookSecret: secret,
    webhookToleranceSeconds: 300,
    timeoutMs: 2_000,
    httpClient: Stripe.createFetchHttpClient(fetchFn),
  });
  return { provider, seen };
}

const { provider } = fakeStripe(() => ({ status: 500, body: {} }));

function signed(payload: string, options: { secret?: string; timestamp?: number } = {}): WebhookRequest {
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? secret,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  return { headers: { 'stripe-signature': header }, rawBody: Buffer.from(payload) };
}

describe("Stripe's documented webhooks, verified with Stripe's signature scheme", () => {
  it('payment_intent.succeeded: authorised and captured, found by our payment id', async () => {
    const webhook = await provider.parseWebhook(signed(fixture('payment_intent.succeeded')));
    expect(webhook).toMatchObject({
      eventId: 'evt_3MtwBwLkdIwHu7ix0HyLgDUd',
      type: 'payment_intent.succeeded',
      match: {
        paymentId: '0195f3a0-0000-7000-8000-00000000c0de',
        providerReference: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
      },
    });
    expect(webhook.facts).toEqual([
      {
        kind: 'authorization',
        factId: 'stripe:pi_3MtwBwLkdIwHu7ix28a3tqPa:authorization',
        amountMinor: 2000,
        currency: 'USD',
        reference: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
      },
      {
        kind: 'capture',
        factId: 'stripe:pi_3MtwBwLkdIwHu7ix28a3tqPa:capture',
        amountMinor: 2000,
        currency: 'USD',
        reference: 'ch_3MtwBwLkdIwHu7ix28cXSJHb',
      },
    ]);
  });

  it('payment_intent.payment_failed: a failure with the decline reason', async () => {
    const webhook = await provider.parseWebhook(signed(fixture('payment_intent.payment_failed')));
    expect(webhook.match.paymentId).toBe('0195f3a0-0000-7000-8000-00000000fa11');
    expect(webhook.facts).toEqual([
      expect.objectContaining({
        kind: 'failure',
        amountMinor: 0,
        currency: 'USD',
        reasonCode: 'insufficient_funds',
        reason: 'Your card has insufficient funds.',
      }),
    ]);
  });

  it('charge.refunded: the running total when the refunds are not expanded, each refund when they are', async () => {
    const plain = await provider.parseWebhook(signed(fixture('charge.refunded')));
    expect(plain.match).toEqual({
      providerReference: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
      transactionReference: 'ch_3MtwBwLkdIwHu7ix28cXSJHb',
    });
    expect(plain.facts).toEqual([
      {
        kind: 'refunded_total',
        factId: 'stripe:ch_3MtwBwLkdIwHu7ix28cXSJHb:refunded:500',
        totalMinor: 500,
        currency: 'USD',
        reference: 'ch_3MtwBwLkdIwHu7ix28cXSJHb',
      },
    ]);
    const event = JSON.parse(fixture('charge.refunded'));
    event.data.object.refunds = {
      object: 'list',
      has_more: false,
      url: '/v1/charges/ch_3MtwBwLkdIwHu7ix28cXSJHb/refunds',
      data: [
        {
          id: 're_3MtwBwLkdIwHu7ix2R6pLFmQ',
          object: 'refund',
          amount: 500,
          charge: 'ch_3MtwBwLkdIwHu7ix28cXSJHb',
          currency: 'usd',
          metadata: {},
          payment_intent: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
          reason: null,
          status: 'succeeded',
        },
      ],
    };
    const expanded = await provider.parseWebhook(signed(JSON.stringify(event)));
    expect(expanded.facts).toEqual([
      {
        kind: 'refund',
        factId: 'stripe:re_3MtwBwLkdIwHu7ix2R6pLFmQ',
        amountMinor: 500,
        currency: 'USD',
        reference: 're_3MtwBwLkdIwHu7ix2R6pLFmQ',
      },
    ]);
  });

  it('charge.dispute.created: a dispute of the disputed amount', async () => {
    const webhook = await provider.parseWebhook(signed(fixture('charge.dispute.created')));
    expect(webhook.facts).toEqual([
      expect.objectContaining({
        kind: 'dispute',
        factId: 'stripe:du_1MtJUT2eZvKYlo2CNaw2HvEv',
        amountMinor: 2000,
      }),
    ]);
  });

  it('keeps event types that move no money without facts', async () => {
    const event = JSON.parse(fixture('payment_intent.succeeded'));
    event.type = 'payment_intent.created';
    event.data.object.status = 'requires_payment_method';
    expect((await provider.parseWebhook(signed(JSON.stringify(event)))).facts).toEqual([]);
  });

  it('refuses another secret, a changed body, an old signature and no signature', async () => {
    const payload = fixture('payment_intent.succeeded');
    const refusals = [
      signed(payload, { secret: 'whsec_someone_else' }),
      { ...signed(payload), rawBody: Buffer.from(payload.replace('2000', '2')) },
      signed(payload, { timestamp: Math.floor(Date.now() / 1000) - 3_600 }),
      { headers: {}, rawBody: Buffer.from(payload) },
    ];
    for (const request of refusals) {
      await expect(provider.parseWebhook(request)).rejects.toMatchObject({
        name: 'WebhookVerificationError',
        reason: 'signature',
      });
    }
    await expect(provider.parseWebhook(signed('{"not": "an event"'))).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
  });
});

describe('Stripe PaymentIntents through the SDK', () => {
  const intent = JSON.parse(fixture('payment_intent.succeeded')).data.object;
  const input = {
    paymentId: '0195f3a0-0000-7000-8000-00000000c0de',
    orderId: '0195f3a0-0000-7000-8000-0000000000a1',
    amountMinor: 2000,
    currency: 'USD',
    token: 'tok_visa',
    captureMethod: 'automatic' as const,
    idempotencyKey: 'payment-0195f3a0-0000-7000-8000-00000000c0de',
  };

  it('confirms one intent with the card token, our ids in metadata and our idempotency key', async () => {
    const { provider: stripe, seen } = fakeStripe(() => ({ status: 200, body: intent }));
    const outcome = await stripe.authorize(input);
    expect(outcome.reference).toBe('pi_3MtwBwLkdIwHu7ix28a3tqPa');
    expect(outcome.facts.map((fact) => fact.kind)).toEqual(['authorization', 'capture']);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('https://api.stripe.com/v1/payment_intents');
    expect(seen[0]!.headers.get('idempotency-key')).toBe(input.idempotencyKey);
    const form = new URLSearchParams(seen[0]!.body);
    expect(Object.fromEntries(form)).toMatchObject({
      amount: '2000',
      currency: 'usd',
      confirm: 'true',
      capture_method: 'automatic',
      'payment_method_data[type]': 'card',
      'payment_method_data[card][token]': 'tok_visa',
      'metadata[paymentId]': input.paymentId,
      'metadata[orderId]': input.orderId,
    });
  });

  it('turns a card decline into a failure fact of the failed intent', async () => {
    const failed = JSON.parse(fixture('payment_intent.payment_failed')).data.object;
    const { provider: stripe } = fakeStripe(() => ({
      status: 402,
      body: {
        error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
          payment_intent: failed,
        },
      },
    }));
    const outcome = await stripe.authorize(input);
    expect(outcome.reference).toBe(failed.id);
    expect(outcome.facts).toEqual([
      expect.objectContaining({ kind: 'failure', reasonCode: 'insufficient_funds' }),
    ]);
  });

  it('refunds the intent and reports an unreachable Stripe as unavailable', async () => {
    const refund = {
      id: 're_3MtwBwLkdIwHu7ix2R6pLFmQ',
      object: 'refund',
      amount: 500,
      charge: 'ch_3MtwBwLkdIwHu7ix28cXSJHb',
      currency: 'usd',
      metadata: {},
      payment_intent: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
      status: 'succeeded',
    };
    const { provider: stripe, seen } = fakeStripe(() => ({ status: 200, body: refund }));
    const outcome = await stripe.refund({
      paymentId: input.paymentId,
      refundId: 'r-1',
      reference: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
      captureReference: 'ch_3MtwBwLkdIwHu7ix28cXSJHb',
      amountMinor: 500,
      currency: 'USD',
      idempotencyKey: 'refund-r-1',
    });
    expect(outcome).toMatchObject({ reference: refund.id, status: 'succeeded' });
    expect(outcome.facts).toEqual([expect.objectContaining({ kind: 'refund', amountMinor: 500 })]);
    expect(new URLSearchParams(seen[0]!.body).get('payment_intent')).toBe('pi_3MtwBwLkdIwHu7ix28a3tqPa');

    const { provider: down } = fakeStripe(() => ({
      status: 503,
      body: { error: { type: 'api_error', message: 'down' } },
    }));
    await expect(down.retrieve('pi_x')).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});
