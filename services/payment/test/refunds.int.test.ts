import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { created, paymentSteps } from './support/payment-steps.js';
import { sandboxClient, testCards } from './support/sandbox-client.js';
import { type PaymentUnderTest, startPaymentService } from './support/start-payment-service.js';

let service: PaymentUnderTest;
let steps: Awaited<ReturnType<typeof paymentSteps>>;
let sandbox: Awaited<ReturnType<typeof sandboxClient>>;

beforeAll(async () => {
  service = await startPaymentService();
  steps = await paymentSteps(service);
  sandbox = await sandboxClient(service.url);
}, 180_000); // PGlite boots slowly on a busy machine
afterAll(async () => {
  await service?.stop();
});

/** A payment of `amount` the sandbox captured. */
async function capturedPayment(amount: number) {
  const order = steps.order(amount);
  const payment = created(await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds)));
  await steps.waitForStatus(payment.id, 'captured');
  return { order, payment };
}

describe(`refunds on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('refunds in parts that sum up, each with payment.refunded, never beyond the capture', async () => {
    const { order, payment } = await capturedPayment(5_000);
    const first = created(await steps.refund(payment.id, 1_000, randomUUID(), steps.admin, 'damaged box'));
    expect(first).toMatchObject({
      paymentId: payment.id,
      amountMinor: 1_000,
      currency: 'EUR',
      status: 'succeeded',
    });
    expect(first.providerReference).toMatch(/^re_/);
    created(await steps.refund(payment.id, 2_000));
    const partly = await steps.view(payment.id);
    expect(partly.status).toBe('partially_refunded');
    expect(partly.totals).toMatchObject({
      capturedMinor: 5_000,
      refundedMinor: 3_000,
      refundableMinor: 2_000,
    });

    const tooMuch = await steps.refund(payment.id, 2_001);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.headers.get('content-type')).toMatch(/problem\+json/);
    expect(tooMuch.body).toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED', refundableMinor: 2_000 });
    created(await steps.refund(payment.id, 2_000));
    const refunded = await steps.view(payment.id);
    expect(refunded.status).toBe('refunded');
    expect(refunded.totals).toMatchObject({ refundedMinor: 5_000, refundableMinor: 0 });
    expect((await steps.refund(payment.id, 1)).body.code).toBe('REFUND_EXCEEDS_CAPTURED');

    const events = (await steps.outbox(order.id)).filter((e) => e.type === 'payment.refunded');
    expect(events.map((e) => [e.data.refundedMinor, e.data.fullRefund])).toEqual([
      [1_000, false],
      [2_000, false],
      [2_000, true],
    ]);
    expect(events[0]!.data.reason).toBe('damaged box');
    // The sandbox's refund webhooks arrive after its answers: they find their rows and add nothing.
    await vi.waitFor(async () => {
      const rows = await steps.webhookRows(payment.id);
      const refundHooks = rows.filter((row) => row.event_type === 'refund.succeeded');
      expect(refundHooks.map((row) => row.status)).toEqual(['applied', 'applied', 'applied']);
    });
    expect(
      (await steps.view(payment.id)).transactions.filter((t: { kind: string }) => t.kind === 'refund'),
    ).toHaveLength(3);
  });

  it('refuses a refund of a payment that captured nothing', async () => {
    const order = steps.order();
    const failed = created(await steps.pay(order.id, await sandbox.tokenize(testCards.declined)));
    await steps.waitForStatus(failed.id, 'failed');
    const response = await steps.refund(failed.id, 1);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED', refundableMinor: 0 });
  });

  it('lets only one of two concurrent refunds through when together they exceed the capture', async () => {
    const { payment } = await capturedPayment(5_000);
    const results = await Promise.all([steps.refund(payment.id, 3_000), steps.refund(payment.id, 3_000)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await steps.view(payment.id)).totals).toMatchObject({
      refundedMinor: 3_000,
      refundableMinor: 2_000,
    });
  });

  it('returns the same refund for the same key and refuses the key with another amount', async () => {
    const { order, payment } = await capturedPayment(4_000);
    const key = randomUUID();
    const first = created(await steps.refund(payment.id, 1_500, key));
    const again = await steps.refund(payment.id, 1_500, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.id);
    const other = await steps.refund(payment.id, 1_600, key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await steps.view(payment.id)).totals.refundedMinor).toBe(1_500);
    expect((await steps.outbox(order.id)).filter((e) => e.type === 'payment.refunded')).toHaveLength(1);
  });

  it('needs payments:refund and an Idempotency-Key', async () => {
    const { payment } = await capturedPayment(1_000);
    const asCustomer = await steps.refund(payment.id, 100, randomUUID(), steps.customer);
    expect(asCustomer.status).toBe(403);
    const asOrderService = await service.identity.bearer({
      sub: 'order-service',
      roles: [],
      perms: ['payments:refund'],
    });
    expect((await steps.refund(payment.id, 100, randomUUID(), asOrderService)).status).toBe(201);
    const noKey = await steps.send(
      'POST',
      `/api/v1/payments/${payment.id}/refunds`,
      { amount: 1 },
      steps.admin,
    );
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect((await steps.refund(randomUUID(), 100)).body.code).toBe('PAYMENT_NOT_FOUND');
    expect((await steps.refund(payment.id, 0)).status).toBe(400);
  });
});
