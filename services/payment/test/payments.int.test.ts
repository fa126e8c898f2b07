import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { created, paymentSteps } from './support/payment-steps.js';
import { sandboxClient, testCards } from './support/sandbox-client.js';
import { type PaymentUnderTest, startPaymentService } from './support/start-payment-service.js';

const stripeSecret = 'whsec_test_emporium';
let service: PaymentUnderTest;
let steps: Awaited<ReturnType<typeof paymentSteps>>;

beforeAll(async () => {
  service = await startPaymentService({
    STRIPE_SECRET_KEY: 'sk_test_emporium',
    STRIPE_WEBHOOK_SECRET: stripeSecret,
    STRIPE_PUBLISHABLE_KEY: 'pk_test_emporium',
  });
  steps = await paymentSteps(service);
}, 180_000); // PGlite boots slowly on a busy machine
afterAll(async () => {
  await service?.stop();
});

describe(`payment service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database and its event bus', async () => {
    const response = await steps.send('GET', '/health/ready');
    expect(response.status).toBe(200);
    const checks = response.body.checks.map((c: { name: string }) => c.name);
    expect(checks).toEqual(expect.arrayContaining(['database', 'events']));
  });

  it('publishes the providers it takes payments through, and where the sandbox tokenises cards', async () => {
    const response = await steps.send('GET', '/api/v1/payments/providers');
    expect(response.body.items).toEqual([
      {
        name: 'sandbox',
        client: { tokenizeUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1\/tokens$/) },
      },
      { name: 'stripe', client: { publishableKey: 'pk_test_emporium' } },
    ]);
    expect(response.text).not.toMatch(/sk_test|whsec/);
    // A storefront page tokenises from its own origin: the sandbox allows it on that route only.
    const tokenizeUrl = response.body.items[0].client.tokenizeUrl;
    const preflight = await fetch(tokenizeUrl, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const other = await fetch(tokenizeUrl.replace('/v1/tokens', '/v1/refunds'), { method: 'POST' });
    expect(other.status).toBe(401);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("lists a customer's payments newest first, by keyset pages, and an order's for the shop", async () => {
    const sandbox = await sandboxClient(service.url);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const order = steps.order(1_000 + i);
      ids.push(created(await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds))).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/payments?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await steps.send('GET', path, undefined, steps.customer);
      expect(page.status).toBe(200);
      expect(page.body.items[0].transactions).toBeUndefined();
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const first = await steps.view(ids[0]!);
    const byOrder = await steps.send(
      'GET',
      `/api/v1/payments?orderId=${first.orderId}`,
      undefined,
      steps.admin,
    );
    expect(byOrder.body.items.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
  });

  it('answers bad input, missing payments and anonymous readers with problem+json', async () => {
    const missing = await steps.send('GET', `/api/v1/payments/${randomUUID()}`, undefined, steps.admin);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(missing.body.code).toBe('PAYMENT_NOT_FOUND');
    expect((await steps.send('GET', '/api/v1/payments/42', undefined, steps.admin)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await steps.send('GET', '/api/v1/payments?orderId=nope', undefined, steps.admin)).status).toBe(
      400,
    );
    expect((await steps.send('GET', '/api/v1/payments?cursor=e30', undefined, steps.admin)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await steps.send('GET', '/api/v1/payments?limit=101', undefined, steps.admin)).status).toBe(400);
    expect((await steps.send('GET', '/api/v1/payments')).status).toBe(401);
    const malformed = await steps.send('POST', '/api/v1/payments', '{"orderId":', {
      ...steps.customer,
      'idempotency-key': 'k',
    });
    expect(malformed.body.code).toBe('MALFORMED_BODY');
  });

  it("applies Stripe's signed webhooks to a Stripe payment: completed once, refunded by the running total", async () => {
    const stripeFixture = (name: string) =>
      readFileSync(new URL(`../src/providers/stripe/fixtures/${name}.json`, import.meta.url), 'utf8');
    const paymentId = '0195f3a0-0000-7000-8000-00000000c0de';
    const orderId = '0195f3a0-0000-7000-8000-0000000000a1';
    // As POST /payments leaves it once Stripe answered "processing": the intent's id as reference.
    await service.sql.query(
      `insert into payment.payments (id, order_id, customer_id, provider, amount_minor, currency, provider_reference, idempotency_key)
       values ($1, $2, $3, 'stripe', 2000, 'USD', 'pi_3MtwBwLkdIwHu7ix28a3tqPa', $4)`,
      [paymentId, orderId, steps.customerId, `stripe:${randomUUID()}`],
    );
    const deliver = (payload: string, secret = stripeSecret) =>
      steps.send('POST', '/api/v1/payments/webhooks/stripe', payload, {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
      });
    const succeeded = stripeFixture('payment_intent.succeeded');
    expect((await deliver(succeeded, 'whsec_wrong')).body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await deliver(succeeded)).body).toEqual({ received: true, outcome: 'applied' });
    expect((await deliver(succeeded)).body.outcome).toBe('duplicate');
    expect((await steps.view(paymentId)).status).toBe('captured');

    const refunded = stripeFixture('charge.refunded');
    expect((await deliver(refunded)).body.outcome).toBe('applied');
    // Another event reporting the same running total adds nothing.
    expect((await deliver(refunded.replace('evt_3MtwBwLkdIwHu7ix0DSOcmlh', 'evt_again'))).body.outcome).toBe(
      'applied',
    );
    const view = await steps.view(paymentId);
    expect(view.status).toBe('partially_refunded');
    expect(view.totals).toMatchObject({ capturedMinor: 2_000, refundedMinor: 500, refundableMinor: 1_500 });
    const { rows } = await service.sql.query(
      'select event_type from payment.outbox where aggregate_id = $1 order by sequence',
      [orderId],
    );
    expect(rows.map((row) => row.event_type)).toEqual(['payment.completed', 'payment.refunded']);
  });

  it('exposes its routes in OpenAPI, RED metrics and business counters', async () => {
    const openapi = (await steps.send('GET', '/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/payments',
        '/api/v1/payments/{id}',
        '/api/v1/payments/{id}/refunds',
        '/api/v1/payments/webhooks/{provider}',
        '/api/v1/payments/providers',
      ]),
    );
    const metrics = (await steps.send('GET', '/metrics')).text;
    expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/payments\/:id"/);
    expect(metrics).toMatch(/payment_payments_created_total\{provider="sandbox"[^}]*\} [1-9]/);
  });
});
