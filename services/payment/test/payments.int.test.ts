import { createDatabase, type Database } from '@emporium/platform/db/database';
import { createLogger } from '@emporium/platform/log/logger';
import { createMetrics } from '@emporium/platform/metrics/metrics';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPayment } from '../src/db/payments.repo.js';
import * as schema from '../src/db/schema.js';
import type { NewTransaction } from '../src/db/transactions.repo.js';
import { recordWebhookEvent } from '../src/db/webhook-events.repo.js';
import { createPaymentMetrics } from '../src/metrics.js';
import { paymentService } from '../src/service.js';
import type { PaymentDeps } from '../src/use-cases/deps.js';
import { recordTransaction } from '../src/use-cases/record-transaction.js';

let service: TestService;
let database: Database<typeof schema>;
let deps: PaymentDeps;
let send: ReturnType<typeof httpClient>;

beforeAll(async () => {
  service = await startTestService(paymentService);
  database = createDatabase(
    { url: service.database!.url, poolMax: 3, applicationName: 'payment-test' },
    schema,
  );
  deps = {
    db: database.db,
    logger: createLogger({ service: 'payment-test', version: '0', level: 'silent' }),
    metrics: createPaymentMetrics(createMetrics('payment-test')),
  };
  send = httpClient(service.url);
});
afterAll(async () => {
  await database?.close();
  await service?.stop();
});

const orderA = '0195f3a0-0000-7000-8000-0000000000a1';
const orderB = '0195f3a0-0000-7000-8000-0000000000b2';

/** Stands in for `POST /payments` of a later issue: writes a pending payment through the repo. */
const createPayment = (orderId = orderA, amountMinor = 10_000) =>
  insertPayment(database.db, {
    orderId,
    customerId: null,
    provider: 'sandbox',
    amountMinor,
    currency: 'EUR',
    providerReference: null,
    idempotencyKey: `key-${Math.random()}`,
  });

const entry = (kind: NewTransaction['kind'], amountMinor: number, providerEventId: string | null = null) => ({
  kind,
  amountMinor,
  currency: 'EUR',
  providerReference: 'sb_ref',
  providerEventId,
});

describe(`payment service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database', async () => {
    const response = await send('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toContain('database');
  });

  it('shows a new payment as pending with an empty ledger, never its idempotency key', async () => {
    const payment = await createPayment();
    const response = await send('GET', `/api/v1/payments/${payment.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: payment.id,
      orderId: orderA,
      provider: 'sandbox',
      status: 'pending',
      amountMinor: 10_000,
      currency: 'EUR',
      totals: { authorizedMinor: 0, capturedMinor: 0, refundedMinor: 0, refundableMinor: 0 },
      transactions: [],
    });
    expect(response.text).not.toMatch(/idempotency|key-/i);
  });

  it('derives status and totals from the ledger as rows are appended', async () => {
    const payment = await createPayment();
    const steps: Array<[NewTransaction['kind'], number, string]> = [
      ['authorization', 10_000, 'authorized'],
      ['capture', 10_000, 'captured'],
      ['refund', 2_500, 'partially_refunded'],
      ['refund', 7_500, 'refunded'],
    ];
    for (const [kind, amount, status] of steps) {
      const result = await recordTransaction(deps, { paymentId: payment.id, entry: entry(kind, amount) });
      expect(result.recorded).toBe(true);
      expect(result.payment.status).toBe(status);
    }
    const view = (await send('GET', `/api/v1/payments/${payment.id}`)).body;
    expect(view.status).toBe('refunded');
    expect(view.totals).toEqual({
      authorizedMinor: 10_000,
      capturedMinor: 10_000,
      refundedMinor: 10_000,
      refundableMinor: 0,
    });
    expect(view.transactions.map((t: { kind: string }) => t.kind)).toEqual([
      'authorization',
      'capture',
      'refund',
      'refund',
    ]);
  });

  it('refuses a refund above what was captured and leaves the ledger as it was', async () => {
    const payment = await createPayment();
    await recordTransaction(deps, { paymentId: payment.id, entry: entry('capture', 4_000) });
    await expect(
      recordTransaction(deps, { paymentId: payment.id, entry: entry('refund', 4_001) }),
    ).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED', status: 409 });
    await expect(
      recordTransaction(deps, { paymentId: payment.id, entry: { ...entry('capture', 1), currency: 'USD' } }),
    ).rejects.toMatchObject({ code: 'CURRENCY_MISMATCH' });
    const view = (await send('GET', `/api/v1/payments/${payment.id}`)).body;
    expect(view).toMatchObject({ status: 'captured', totals: { capturedMinor: 4_000, refundedMinor: 0 } });
    expect(view.transactions).toHaveLength(1);
  });

  it('lets two concurrent refunds that together exceed the capture through one at a time: one wins', async () => {
    const payment = await createPayment();
    await recordTransaction(deps, { paymentId: payment.id, entry: entry('capture', 10_000) });
    const results = await Promise.allSettled([
      recordTransaction(deps, { paymentId: payment.id, entry: entry('refund', 6_000) }),
      recordTransaction(deps, { paymentId: payment.id, entry: entry('refund', 6_000) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const view = (await send('GET', `/api/v1/payments/${payment.id}`)).body;
    expect(view.totals).toMatchObject({
      capturedMinor: 10_000,
      refundedMinor: 6_000,
      refundableMinor: 4_000,
    });
  });

  it('records a provider event once, however often it is delivered', async () => {
    const payment = await createPayment();
    const capture = entry('capture', 10_000, 'evt_capture_1');
    expect((await recordTransaction(deps, { paymentId: payment.id, entry: capture })).recorded).toBe(true);
    const again = await recordTransaction(deps, { paymentId: payment.id, entry: capture });
    expect(again.recorded).toBe(false);
    expect(again.payment.transactions).toHaveLength(1);
    const elsewhere = await createPayment();
    expect((await recordTransaction(deps, { paymentId: elsewhere.id, entry: capture })).recorded).toBe(false);

    const webhook = { provider: 'sandbox', eventId: 'evt_capture_1', payload: { type: 'capture' } };
    expect(await recordWebhookEvent(database.db, webhook)).toBe(true);
    expect(await recordWebhookEvent(database.db, { ...webhook, payload: { type: 'again' } })).toBe(false);
    expect(await recordWebhookEvent(database.db, { ...webhook, provider: 'stripe' })).toBe(true);
  });

  it("lists an order's payments newest first, by keyset pages", async () => {
    const ofB = [];
    for (let i = 0; i < 3; i += 1) ofB.push((await createPayment(orderB, 1_000 + i)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/payments?orderId=${orderB}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await send('GET', path);
      expect(page.status).toBe(200);
      expect(page.body.items.every((p: { orderId: string }) => p.orderId === orderB)).toBe(true);
      expect(page.body.items[0].transactions).toBeUndefined();
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect([...seen].sort()).toEqual([...ofB].sort());
    expect(seen).toHaveLength(3);
    const all = (await send('GET', '/api/v1/payments?limit=100')).body.items;
    expect(all.length).toBeGreaterThan(3);
  });

  it('answers bad input and unknown payments with problem+json', async () => {
    const missing = await send('GET', '/api/v1/payments/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(missing.body.code).toBe('PAYMENT_NOT_FOUND');
    expect((await send('GET', '/api/v1/payments/42')).body.code).toBe('VALIDATION_FAILED');
    expect((await send('GET', '/api/v1/payments?orderId=nope')).body.code).toBe('VALIDATION_FAILED');
    expect((await send('GET', '/api/v1/payments?cursor=e30')).body.code).toBe('VALIDATION_FAILED');
    expect((await send('GET', '/api/v1/payments?limit=101')).status).toBe(400);
    const unknownPayment = recordTransaction(deps, {
      paymentId: '00000000-0000-4000-8000-000000000000',
      entry: entry('capture', 1),
    });
    await expect(unknownPayment).rejects.toMatchObject({ code: 'PAYMENT_NOT_FOUND' });
  });

  it('exposes its routes in OpenAPI and RED metrics', async () => {
    const openapi = (await send('GET', '/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/payments', '/api/v1/payments/{id}']),
    );
    const metrics = (await send('GET', '/metrics')).text;
    expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/payments\/:id"/);
  });
});
