import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError, type WebhookRequest } from '../payment-provider.js';
import { type HttpRequest, type HttpResponse, resilientTransport } from '../provider-http.js';
import { createPayPalProvider } from './paypal-provider.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');
const api = 'https://api-m.sandbox.paypal.com';
const paymentId = '0195f3a0-0000-7000-8000-0000000ca11e';

/**
 * Stands in for PayPal's REST API (unreachable from here): answers the
 * documented responses by route and records every request it got.
 */
function fakePayPal(routes: Record<string, (request: HttpRequest) => HttpResponse>) {
  const seen: HttpRequest[] = [];
  const transport = async (request: HttpRequest): Promise<HttpResponse> => {
    seen.push(request);
    const path = request.url.replace(api, '');
    if (path === '/v1/oauth2/token') {
      return {
        status: 200,
        text: JSON.stringify({ access_token: 'A21AAtest', token_type: 'Bearer', expires_in: 32_400 }),
      };
    }
    const route = routes[`${request.method} ${path}`];
    return route ? route(request) : { status: 404, text: JSON.stringify({ name: 'RESOURCE_NOT_FOUND' }) };
  };
  const provider = createPayPalProvider({
    apiUrl: api,
    clientId: 'client-id',
    clientSecret: 'client-secret',
    webhookId: '1JE4291016473214C',
    transport,
  });
  return { provider, seen };
}

const json = (status: number, body: unknown): HttpResponse => ({ status, text: JSON.stringify(body) });
const authorizeInput = {
  paymentId,
  orderId: '0195f3a0-0000-7000-8000-0000000000a1',
  amountMinor: 4_500,
  currency: 'EUR',
  token: '8kk8451t',
  captureMethod: 'automatic' as const,
  idempotencyKey: `payment-${paymentId}`,
};

describe('PayPal Orders v2 through a stand-in transport', () => {
  it('creates the order with the vaulted card and our ids, then captures it, idempotently', async () => {
    const { provider, seen } = fakePayPal({
      'POST /v2/checkout/orders': () => json(201, JSON.parse(fixture('order.created'))),
      'POST /v2/checkout/orders/5O190127TN364715T/capture': () =>
        json(201, JSON.parse(fixture('order.captured'))),
    });
    const outcome = await provider.authorize(authorizeInput);
    expect(outcome.reference).toBe('5O190127TN364715T');
    expect(outcome.facts).toEqual([
      {
        kind: 'authorization',
        factId: 'paypal:5O190127TN364715T:authorization',
        amountMinor: 4_500,
        currency: 'EUR',
        reference: '3C679366HH908993F',
      },
      {
        kind: 'capture',
        factId: 'paypal:3C679366HH908993F',
        amountMinor: 4_500,
        currency: 'EUR',
        reference: '3C679366HH908993F',
      },
    ]);
    expect(seen.map((r) => `${r.method} ${r.url.replace(api, '')}`)).toEqual([
      'POST /v1/oauth2/token',
      'POST /v2/checkout/orders',
      'POST /v2/checkout/orders/5O190127TN364715T/capture',
    ]);
    expect(seen[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('client-id:client-secret').toString('base64')}`,
    );
    expect(seen[0]!.body).toBe('grant_type=client_credentials');
    const create = seen[1]!;
    expect(create.headers.authorization).toBe('Bearer A21AAtest');
    expect(create.headers['paypal-request-id']).toBe(`payment-${paymentId}:create`);
    expect(JSON.parse(create.body!)).toEqual({
      intent: 'CAPTURE',
      purchase_units: [
        {
          reference_id: authorizeInput.orderId,
          custom_id: paymentId,
          invoice_id: paymentId,
          amount: { currency_code: 'EUR', value: '45.00' },
        },
      ],
      payment_source: { card: { vault_id: '8kk8451t' } },
    });
    expect(seen[2]!.headers['paypal-request-id']).toBe(`payment-${paymentId}:capture`);

    await provider.retrieve('5O190127TN364715T').catch(() => undefined);
    expect(seen.filter((r) => r.url.endsWith('/v1/oauth2/token'))).toHaveLength(1);
  });

  it('turns a declined instrument into a failure fact', async () => {
    const { provider } = fakePayPal({
      'POST /v2/checkout/orders': () => json(201, JSON.parse(fixture('order.created'))),
      'POST /v2/checkout/orders/5O190127TN364715T/capture': () =>
        json(422, {
          name: 'UNPROCESSABLE_ENTITY',
          details: [{ issue: 'INSTRUMENT_DECLINED', description: 'The instrument presented was declined.' }],
        }),
    });
    const outcome = await provider.authorize(authorizeInput);
    expect(outcome.facts).toEqual([
      expect.objectContaining({
        kind: 'failure',
        factId: 'paypal:5O190127TN364715T:failure',
        reasonCode: 'instrument_declined',
      }),
    ]);
  });

  it('refunds the capture in PayPal decimals and records the refund it confirms', async () => {
    const refunded = JSON.parse(fixture('PAYMENT.CAPTURE.REFUNDED')).resource;
    const { provider, seen } = fakePayPal({
      'POST /v2/payments/captures/3C679366HH908993F/refund': () => json(201, refunded),
    });
    const outcome = await provider.refund({
      paymentId,
      refundId: '0195f3a0-0000-7000-8000-00000000eef1',
      reference: '5O190127TN364715T',
      captureReference: '3C679366HH908993F',
      amountMinor: 1_000,
      currency: 'EUR',
      idempotencyKey: 'refund-0195f3a0-0000-7000-8000-00000000eef1',
    });
    expect(outcome).toMatchObject({ reference: '1JU08902781691411', status: 'succeeded' });
    expect(outcome.facts).toEqual([
      expect.objectContaining({ kind: 'refund', factId: 'paypal:1JU08902781691411', amountMinor: 1_000 }),
    ]);
    expect(JSON.parse(seen[1]!.body!)).toMatchObject({
      amount: { currency_code: 'EUR', value: '10.00' },
      custom_id: paymentId,
    });
    expect(seen[1]!.headers['paypal-request-id']).toBe('refund-0195f3a0-0000-7000-8000-00000000eef1');
  });

  it('reports PayPal answering 5xx as unavailable once the retries are spent', async () => {
    const calls: HttpRequest[] = [];
    const down = createPayPalProvider({
      apiUrl: api,
      clientId: 'c',
      clientSecret: 's',
      webhookId: 'w',
      transport: resilientTransport(
        'paypal',
        async (request) => {
          calls.push(request);
          return { status: 503, text: '{}' };
        },
        { timeoutMs: 1_000, retries: 2 },
      ),
    });
    await expect(down.retrieve('5O190127TN364715T')).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(calls.length).toBe(3); // the first attempt and two retries
  });
});

describe("PayPal's documented webhooks, verified by PayPal's verify-webhook-signature", () => {
  const transmission = {
    'paypal-auth-algo': 'SHA256withRSA',
    'paypal-cert-url':
      'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
    'paypal-transmission-id': '103e3700-8b0c-11e6-8695-6b62a8a99ac4',
    'paypal-transmission-sig': 'sig-from-paypal',
    'paypal-transmission-time': '2024-02-26T14:20:06Z',
  };
  const verifying = () =>
    fakePayPal({
      'POST /v1/notifications/verify-webhook-signature': (request) => {
        const body = JSON.parse(request.body!);
        const genuine =
          body.transmission_sig === 'sig-from-paypal' && body.webhook_id === '1JE4291016473214C';
        return json(200, { verification_status: genuine ? 'SUCCESS' : 'FAILURE' });
      },
    });
  const delivery = (name: string, headers: Record<string, string> = transmission): WebhookRequest => ({
    headers,
    rawBody: Buffer.from(fixture(name)),
  });

  it('sends the transmission headers, our webhook id and the event exactly as received', async () => {
    const { provider, seen } = verifying();
    const webhook = await provider.parseWebhook(delivery('PAYMENT.CAPTURE.COMPLETED'));
    const verification = seen.find((r) => r.url.endsWith('/verify-webhook-signature'))!;
    expect(verification.body).toContain(`"webhook_event":${fixture('PAYMENT.CAPTURE.COMPLETED')}}`);
    expect(JSON.parse(verification.body!)).toMatchObject({
      auth_algo: 'SHA256withRSA',
      cert_url: transmission['paypal-cert-url'],
      transmission_id: transmission['paypal-transmission-id'],
      transmission_sig: 'sig-from-paypal',
      transmission_time: '2024-02-26T14:20:06Z',
      webhook_id: '1JE4291016473214C',
    });
    expect(webhook).toMatchObject({
      eventId: 'WH-58D329510W468432D-8HN650336L201105X',
      type: 'PAYMENT.CAPTURE.COMPLETED',
      match: { paymentId, providerReference: '5O190127TN364715T' },
    });
    expect(webhook.facts.map((f) => [f.kind, f.factId])).toEqual([
      ['authorization', 'paypal:5O190127TN364715T:authorization'],
      ['capture', 'paypal:3C679366HH908993F'],
    ]);
  });

  it('maps denied captures, refunds and disputes', async () => {
    const { provider } = verifying();
    const denied = await provider.parseWebhook(delivery('PAYMENT.CAPTURE.DENIED'));
    expect(denied.facts).toEqual([
      expect.objectContaining({
        kind: 'failure',
        factId: 'paypal:8MC585209K746392H:failure',
        reasonCode: 'pending_review',
      }),
    ]);
    const refunded = await provider.parseWebhook(delivery('PAYMENT.CAPTURE.REFUNDED'));
    expect(refunded.match).toEqual({ paymentId, transactionReference: '3C679366HH908993F' });
    expect(refunded.facts).toEqual([
      {
        kind: 'refund',
        factId: 'paypal:1JU08902781691411',
        amountMinor: 1_000,
        currency: 'EUR',
        reference: '1JU08902781691411',
      },
    ]);
    const disputed = await provider.parseWebhook(delivery('CUSTOMER.DISPUTE.CREATED'));
    expect(disputed.match).toEqual({ transactionReference: '3C679366HH908993F' });
    expect(disputed.facts).toEqual([expect.objectContaining({ kind: 'dispute', amountMinor: 3_500 })]);
  });

  it('refuses what PayPal does not confirm, and headers that are missing, without mapping anything', async () => {
    const { provider, seen } = verifying();
    await expect(
      provider.parseWebhook(
        delivery('PAYMENT.CAPTURE.COMPLETED', { ...transmission, 'paypal-transmission-sig': 'forged' }),
      ),
    ).rejects.toMatchObject({ name: 'WebhookVerificationError', reason: 'signature' });
    const before = seen.length;
    const { 'paypal-transmission-sig': _dropped, ...withoutSignature } = transmission;
    await expect(
      provider.parseWebhook(delivery('PAYMENT.CAPTURE.COMPLETED', withoutSignature)),
    ).rejects.toMatchObject({
      reason: 'signature',
    });
    expect(seen.length).toBe(before);
  });
});
