import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signSandboxPayload } from '../src/sandbox-gateway/sandbox-webhooks.js';
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

const kinds = (view: { transactions: Array<{ kind: string }> }) =>
  view.transactions.map((t) => t.kind).sort();
const types = (events: Array<{ type: string }>) => events.map((e) => e.type);

describe(`sandbox checkout on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('charges the amount of the order, not one the client names, and ends in payment.completed', async () => {
    const order = steps.order(12_345);
    const token = await sandbox.tokenize(testCards.succeeds);
    const answer = created(await steps.pay(order.id, token));
    expect(answer).toMatchObject({
      orderId: order.id,
      amountMinor: 12_345,
      currency: 'EUR',
      provider: 'sandbox',
    });
    expect(answer.providerReference).toMatch(/^pi_/);
    expect(service.orders.authorizations).toContain(steps.customer.authorization);

    const paid = await steps.waitForStatus(answer.id, 'captured');
    expect(kinds(paid)).toEqual(['authorization', 'capture']);
    expect(paid.totals).toMatchObject({
      authorizedMinor: 12_345,
      capturedMinor: 12_345,
      refundableMinor: 12_345,
    });
    const events = await steps.outbox(order.id);
    expect(types(events)).toEqual(['payment.initiated', 'payment.completed']);
    expect(events[1]!.data).toMatchObject({
      paymentId: answer.id,
      orderId: order.id,
      customerId: steps.customerId,
      amountMinor: 12_345,
      currency: 'EUR',
      provider: 'sandbox',
      providerReference: answer.providerReference,
    });
    const withAmount = await steps.send(
      'POST',
      '/api/v1/payments',
      { orderId: steps.order().id, provider: 'sandbox', method: { type: 'card', token }, amountMinor: 1 },
      { ...steps.customer, 'idempotency-key': randomUUID() },
    );
    expect(withAmount.status).toBe(400);
  });

  it('fails a declined card with payment.failed and no completion', async () => {
    const order = steps.order();
    const answer = created(await steps.pay(order.id, await sandbox.tokenize(testCards.declined)));
    const failed = await steps.waitForStatus(answer.id, 'failed');
    expect(failed.transactions).toEqual([
      expect.objectContaining({ kind: 'failure', amountMinor: 0, reasonCode: 'card_declined' }),
    ]);
    const events = await steps.outbox(order.id);
    expect(types(events)).toEqual(['payment.initiated', 'payment.failed']);
    expect(events[1]!.data).toMatchObject({ paymentId: answer.id, reasonCode: 'card_declined' });
  });

  it('fails a card without funds as insufficient_funds, and lets the order be paid again', async () => {
    const order = steps.order();
    const answer = created(await steps.pay(order.id, await sandbox.tokenize(testCards.insufficientFunds)));
    await steps.waitForStatus(answer.id, 'failed');
    const events = await steps.outbox(order.id);
    expect(events.at(-1)).toMatchObject({
      type: 'payment.failed',
      data: { reasonCode: 'insufficient_funds' },
    });

    const retry = created(await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds)));
    expect(retry.id).not.toBe(answer.id);
    await steps.waitForStatus(retry.id, 'captured');
  });

  it('has one effect however often a webhook is delivered, even twice at once', async () => {
    const order = steps.order();
    const answer = created(
      await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds, { duplicate: true })),
    );
    const paid = await steps.waitForStatus(answer.id, 'captured');
    const sent = await vi.waitFor(async () => {
      const events = await sandbox.events(answer.providerReference);
      expect(events.flatMap((e) => e.deliveries.map((d) => d.status))).toEqual([200, 200, 200, 200]);
      return events;
    });

    const again = await sandbox.redeliver(sent[1]!.id);
    expect(again.body.status).toBe(200);
    expect(kinds(await steps.view(answer.id))).toEqual(kinds(paid));
    expect(kinds(paid)).toEqual(['authorization', 'capture']);
    expect(types(await steps.outbox(order.id))).toEqual(['payment.initiated', 'payment.completed']);
    expect((await steps.webhookRows(answer.id)).map((row) => row.status)).toEqual(['applied', 'applied']);
  });

  it('applies webhooks that arrive before the API call that started them returned', async () => {
    const order = steps.order();
    const token = await sandbox.tokenize(testCards.succeeds, { beforeResponse: true });
    const answer = created(await steps.pay(order.id, token));
    // The sandbox answers "processing" only after its webhooks were delivered and stored unmatched:
    // the payment is settled by the time POST /payments answers.
    expect(answer.status).toBe('captured');
    expect(kinds(answer)).toEqual(['authorization', 'capture']);
    const rows = await steps.webhookRows(answer.id);
    expect(rows.map((row) => [row.event_type, row.status])).toEqual([
      ['payment_intent.authorized', 'applied'],
      ['payment_intent.captured', 'applied'],
    ]);
    expect(types(await steps.outbox(order.id))).toEqual(['payment.initiated', 'payment.completed']);
  });

  it('reaches the same state when the capture arrives before the authorisation', async () => {
    const order = steps.order();
    const answer = created(
      await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds, { reverse: true })),
    );
    await steps.waitForStatus(answer.id, 'captured');
    const paid = await vi.waitFor(async () => {
      const view = await steps.view(answer.id);
      expect(kinds(view)).toEqual(['authorization', 'capture']);
      return view;
    });
    const [authorized, captured] = await sandbox.events(answer.providerReference);
    expect([authorized!.type, captured!.type]).toEqual([
      'payment_intent.authorized',
      'payment_intent.captured',
    ]);
    // Delivered capture first: the authorisation went out only once the capture was acknowledged.
    expect(captured!.deliveries[0]!.at <= authorized!.deliveries[0]!.at).toBe(true);
    expect(paid.status).toBe('captured');
    expect(paid.totals).toMatchObject({ authorizedMinor: 5_000, capturedMinor: 5_000 });
    expect(types(await steps.outbox(order.id))).toEqual(['payment.initiated', 'payment.completed']);
  });

  it('holds a refund reported before its capture until the capture arrives', async () => {
    const order = steps.order(8_000);
    const answer = created(
      await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds, { drop: true })),
    );
    const intent = answer.providerReference as string;
    const webhook = async (type: string, object: Record<string, unknown>) => {
      const body = JSON.stringify({
        id: `evt_${randomUUID().replaceAll('-', '')}`,
        type,
        created: 0,
        data: { object },
      });
      return steps.send('POST', '/api/v1/payments/webhooks/sandbox', body, {
        'content-type': 'application/json',
        'sandbox-signature': signSandboxPayload(body, 'whsec_sandbox_emporium'),
      });
    };
    const refund = {
      id: 're_early',
      object: 'refund',
      payment_intent: intent,
      amount: 3_000,
      currency: 'eur',
      status: 'succeeded',
    };
    expect((await webhook('refund.succeeded', refund)).body.outcome).toBe('deferred');
    expect((await steps.view(answer.id)).status).toBe('pending');

    const intentView = {
      id: intent,
      object: 'payment_intent',
      currency: 'eur',
      amount_authorized: 8_000,
      capture: { id: 'ch_late', amount: 8_000 },
      refunds: [],
      failure: null,
      dispute: null,
    };
    expect((await webhook('payment_intent.captured', intentView)).body.outcome).toBe('applied');
    const settled = await steps.view(answer.id);
    expect(settled.status).toBe('partially_refunded');
    expect(settled.totals).toMatchObject({
      capturedMinor: 8_000,
      refundedMinor: 3_000,
      refundableMinor: 5_000,
    });
    expect((await steps.webhookRows(answer.id)).map((row) => row.status)).toEqual(['applied', 'applied']);
    expect(types(await steps.outbox(order.id))).toEqual([
      'payment.initiated',
      'payment.completed',
      'payment.refunded',
    ]);
  });

  it('records the later dispute of the dispute test card', async () => {
    const order = steps.order();
    const answer = created(await steps.pay(order.id, await sandbox.tokenize(testCards.disputedLater)));
    const disputed = await steps.waitForStatus(answer.id, 'disputed');
    expect(disputed.totals).toMatchObject({ capturedMinor: 5_000, disputedMinor: 5_000, refundableMinor: 0 });
    expect((await steps.refund(answer.id, 1)).body.code).toBe('REFUND_EXCEEDS_CAPTURED');
  });

  it('refuses webhooks whose signature does not verify, and records nothing', async () => {
    const count = async () =>
      Number((await service.sql.query('select count(*) from payment.webhook_events')).rows[0].count);
    const before = await count();
    const body = JSON.stringify({
      id: 'evt_forged',
      type: 'payment_intent.captured',
      created: 0,
      data: { object: {} },
    });
    const post = (headers: Record<string, string>) =>
      steps.send('POST', '/api/v1/payments/webhooks/sandbox', body, {
        'content-type': 'application/json',
        ...headers,
      });
    const forged = await post({ 'sandbox-signature': signSandboxPayload(body, 'whsec_not_the_secret') });
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const stale = await post({
      'sandbox-signature': signSandboxPayload(
        body,
        'whsec_sandbox_emporium',
        Math.floor(Date.now() / 1000) - 3_600,
      ),
    });
    expect(stale.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await post({})).status).toBe(400);
    const tampered = await steps.send(
      'POST',
      '/api/v1/payments/webhooks/sandbox',
      body.replace('evt_forged', 'evt_other'),
      {
        'content-type': 'application/json',
        'sandbox-signature': signSandboxPayload(body, 'whsec_sandbox_emporium'),
      },
    );
    expect(tampered.status).toBe(400);
    expect(await count()).toBe(before);
    expect((await steps.send('POST', '/api/v1/payments/webhooks/stripe', body)).body.code).toBe(
      'PROVIDER_NOT_AVAILABLE',
    );
  });
});

describe('POST /payments is idempotent and guarded', () => {
  it('returns the same payment for the same key, refuses the key with another body', async () => {
    const order = steps.order();
    const token = await sandbox.tokenize(testCards.succeeds);
    const key = randomUUID();
    const first = created(await steps.pay(order.id, token, key));
    const again = await steps.pay(order.id, token, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.id);
    const other = await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds), key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await steps.waitForStatus(first.id, 'captured');
    const { rows } = await service.sql.query(
      'select count(*)::int as n from payment.payments where order_id = $1',
      [order.id],
    );
    expect(rows[0].n).toBe(1);
    expect(types(await steps.outbox(order.id))).toEqual(['payment.initiated', 'payment.completed']);
  });

  it('refuses a second live payment, an order not awaiting payment, and unknown orders', async () => {
    const order = steps.order();
    created(await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds)));
    const second = await steps.pay(order.id, await sandbox.tokenize(testCards.succeeds));
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('PAYMENT_IN_PROGRESS');

    const paid = service.orders.add(steps.customerId, 1_000, 'paid');
    const notPayable = await steps.pay(paid.id, await sandbox.tokenize(testCards.succeeds));
    expect(notPayable.status).toBe(409);
    expect(notPayable.body).toMatchObject({ code: 'ORDER_NOT_PAYABLE', orderStatus: 'paid' });
    const unknown = await steps.pay(randomUUID(), await sandbox.tokenize(testCards.succeeds));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('ORDER_NOT_FOUND');
  });

  it("needs a key and a signed-in caller, and lets nobody pay or read another customer's order", async () => {
    const order = steps.order();
    const token = await sandbox.tokenize(testCards.succeeds);
    const body = { orderId: order.id, provider: 'sandbox', method: { type: 'card', token } };
    const noKey = await steps.send('POST', '/api/v1/payments', body, steps.customer);
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect((await steps.send('POST', '/api/v1/payments', body, { 'idempotency-key': 'k1' })).status).toBe(
      401,
    );

    const stranger = await service.identity.bearer({ sub: randomUUID(), roles: ['customer'] });
    const theirs = await steps.pay(order.id, token, randomUUID(), stranger);
    expect(theirs.body.code).toBe('ORDER_NOT_FOUND');
    const mine = created(await steps.pay(order.id, token));
    expect((await steps.send('GET', `/api/v1/payments/${mine.id}`, undefined, stranger)).status).toBe(404);
    expect((await steps.send('GET', `/api/v1/payments/${mine.id}`, undefined, steps.customer)).status).toBe(
      200,
    );
    const strangersList = (await steps.send('GET', '/api/v1/payments?limit=100', undefined, stranger)).body;
    expect(strangersList.items).toEqual([]);
    const myList = (await steps.send('GET', '/api/v1/payments?limit=100', undefined, steps.customer)).body;
    expect(myList.items.length).toBeGreaterThan(1);
    expect(myList.items.every((p: { customerId: string }) => p.customerId === steps.customerId)).toBe(true);
    const unavailable = await steps.send(
      'POST',
      '/api/v1/payments',
      { ...body, orderId: steps.order().id, provider: 'stripe' },
      { ...steps.customer, 'idempotency-key': randomUUID() },
    );
    expect(unavailable.body.code).toBe('PROVIDER_NOT_AVAILABLE');
  });
});

describe('card data', () => {
  it('never stores or logs a card number or its security code, only the sandbox token', async () => {
    const pan = testCards.succeeds;
    const cvc = '9371';
    const order = steps.order();
    const token = await sandbox.tokenize(pan, {}, cvc);
    const answer = created(await steps.pay(order.id, token));
    await steps.waitForStatus(answer.id, 'captured');
    // A client that sends the card number itself is refused before anything keeps it.
    const asToken = await steps.pay(steps.order().id, pan);
    expect(asToken.status).toBe(400);
    expect(asToken.text).not.toContain(pan);

    const { rows: tables } = await service.sql.query(
      "select table_name from information_schema.tables where table_schema = 'payment'",
    );
    expect(tables.length).toBeGreaterThan(5);
    let dumped = '';
    for (const { table_name } of tables) {
      const { rows } = await service.sql.query(
        `select row_to_json(t)::text as row from payment."${table_name}" t`,
      );
      dumped += rows.map((r) => r.row).join('\n');
    }
    expect(dumped).toContain(token);
    expect(dumped.length).toBeGreaterThan(1_000);
    const logs = service.logs.join('');
    expect(logs).toContain('sandbox request');
    expect(logs).toContain(answer.id);
    for (const text of [dumped, logs]) {
      expect(text).not.toContain(pan);
      expect(text).not.toMatch(/4242[\s-]?4242[\s-]?4242[\s-]?4242/);
      expect(text).not.toContain(`"${cvc}"`);
      expect(text).not.toMatch(/"(cvc|card_?number)"\s*:/i);
    }
  });
});
