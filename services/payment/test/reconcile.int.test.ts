import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { created, paymentSteps } from './support/payment-steps.js';
import { sandboxClient, testCards } from './support/sandbox-client.js';
import { type PaymentUnderTest, startPaymentService } from './support/start-payment-service.js';

let service: PaymentUnderTest;
let steps: Awaited<ReturnType<typeof paymentSteps>>;
let sandbox: Awaited<ReturnType<typeof sandboxClient>>;

// Manual capture, and a reconciler that looks at payments unsettled for 300 ms.
beforeAll(async () => {
  service = await startPaymentService({
    CAPTURE_METHOD: 'manual',
    RECONCILE_INTERVAL_MS: '150',
    RECONCILE_AFTER_MS: '300',
  });
  steps = await paymentSteps(service);
  sandbox = await sandboxClient(service.url);
}, 180_000); // PGlite boots slowly on a busy machine
afterAll(async () => {
  await service?.stop();
});

const capture = (paymentId: string, body: Record<string, unknown> = {}, as = steps.admin) =>
  steps.send('POST', `/api/v1/payments/${paymentId}/capture`, body, as);

describe(`manual capture and reconciliation on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('authorises first and completes the payment only when the shop captures it', async () => {
    const order = steps.order(7_000);
    const payment = created(await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds)));
    expect(payment.captureMethod).toBe('manual');
    await steps.waitForStatus(payment.id, 'authorized');
    expect((await steps.outbox(order.id)).map((e) => e.type)).toEqual(['payment.initiated']);

    expect((await capture(payment.id, {}, steps.customer)).status).toBe(403);
    expect((await capture(payment.id, { amount: 7_001 })).body.code).toBe('AMOUNT_EXCEEDS_PAYMENT');
    const captured = await capture(payment.id);
    expect(captured.status).toBe(200);
    expect(captured.body.status).toBe('captured');
    expect(captured.body.totals).toMatchObject({ authorizedMinor: 7_000, capturedMinor: 7_000 });
    expect((await steps.outbox(order.id)).map((e) => e.type)).toEqual([
      'payment.initiated',
      'payment.completed',
    ]);
    expect((await capture(payment.id)).body.code).toBe('PAYMENT_NOT_CAPTURABLE');
  });

  it('settles a payment whose webhooks never came by asking the provider', async () => {
    const order = steps.order(2_500);
    const payment = created(
      await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds, { drop: true })),
    );
    expect(payment.status).toBe('pending');
    const authorized = await steps.waitForStatus(payment.id, 'authorized');
    expect(authorized.transactions).toEqual([
      expect.objectContaining({
        kind: 'authorization',
        amountMinor: 2_500,
        providerEventId: `sandbox:${payment.providerReference}:authorization`,
      }),
    ]);
    expect(await sandbox.events(payment.providerReference)).toEqual([
      expect.objectContaining({ type: 'payment_intent.authorized', deliveries: [] }),
    ]);
  });

  it('fails a declined payment whose webhook was lost, with payment.failed', async () => {
    const order = steps.order();
    const payment = created(
      await steps.pay(order.id, await sandbox.tokenize(testCards.declined, { drop: true })),
    );
    await steps.waitForStatus(payment.id, 'failed');
    expect((await steps.outbox(order.id)).map((e) => e.type)).toEqual([
      'payment.initiated',
      'payment.failed',
    ]);
  });

  it('finishes a payment whose provider answer was lost, reusing the first attempt, never charging twice', async () => {
    // The crash: the payment was written and the provider charged, but its answer never got back.
    const order = steps.order(3_300);
    const token = await sandbox.tokenize(testCards.succeeds);
    const { rows } = await service.sql.query(
      `insert into payment.payments (order_id, customer_id, provider, amount_minor, currency, idempotency_key, method_token, capture_method)
       values ($1, $2, 'sandbox', 3300, 'EUR', $3, $4, 'manual') returning id`,
      [order.id, steps.customerId, `crash:${randomUUID()}`, token],
    );
    const paymentId = rows[0].id as string;
    const firstAttempt = await sandbox.send(
      'POST',
      '/v1/payment_intents',
      { amount: 3_300, currency: 'eur', token, capture_method: 'manual' },
      { 'idempotency-key': `payment-${paymentId}` },
    );
    expect(firstAttempt.status).toBe(201);

    const authorized = await steps.waitForStatus(paymentId, 'authorized');
    expect(authorized.providerReference).toBe(firstAttempt.body.id);
    expect(authorized.totals.authorizedMinor).toBe(3_300);
    expect(authorized.transactions).toHaveLength(1);
  });
});
