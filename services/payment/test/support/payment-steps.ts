import { randomUUID } from 'node:crypto';
import { httpClient, type TestResponse } from '@emporium/platform/testing/http';
import { vi } from 'vitest';
import type { PaymentUnderTest } from './start-payment-service.js';

/** The steps every payment suite takes, as a customer and as the shop. */
export async function paymentSteps(service: PaymentUnderTest) {
  const customerId = randomUUID();
  const customer = await service.identity.bearer({ sub: customerId, roles: ['customer'] });
  const admin = await service.identity.bearer({ sub: randomUUID(), roles: ['admin'] });
  const send = httpClient(service.url);

  const pay = (orderId: string, token: string, key = randomUUID(), as = customer) =>
    send(
      'POST',
      '/api/v1/payments',
      { orderId, provider: 'sandbox', method: { type: 'card', token } },
      {
        ...as,
        'idempotency-key': key,
      },
    );

  return {
    customerId,
    customer,
    admin,
    send,
    pay,
    /** A new order of this customer, awaiting payment. */
    order: (totalMinor = 5_000) => service.orders.add(customerId, totalMinor),
    view: async (paymentId: string, as = admin) =>
      (await send('GET', `/api/v1/payments/${paymentId}`, undefined, as)).body,
    async waitForStatus(paymentId: string, status: string) {
      await vi.waitFor(
        async () => {
          const view = (await send('GET', `/api/v1/payments/${paymentId}`, undefined, admin)).body;
          if (view.status !== status) throw new Error(`payment is ${view.status}, waiting for ${status}`);
        },
        { timeout: 10_000, interval: 50 },
      );
      return (await send('GET', `/api/v1/payments/${paymentId}`, undefined, admin)).body;
    },
    refund: (paymentId: string, amount: number, key = randomUUID(), as = admin, reason?: string) =>
      send(
        'POST',
        `/api/v1/payments/${paymentId}/refunds`,
        { amount, ...(reason ? { reason } : {}) },
        {
          ...as,
          'idempotency-key': key,
        },
      ),
    /** The payment events in the outbox for an order, oldest first. */
    async outbox(orderId: string) {
      const { rows } = await service.sql.query(
        'select event_type, envelope from payment.outbox where aggregate_id = $1 order by sequence',
        [orderId],
      );
      return rows.map((row) => ({ type: row.event_type as string, data: row.envelope.data }));
    },
    async webhookRows(paymentId: string) {
      const { rows } = await service.sql.query(
        'select event_id, event_type, status from payment.webhook_events where payment_id = $1 order by received_at',
        [paymentId],
      );
      return rows as Array<{ event_id: string; event_type: string; status: string }>;
    },
  };
}

export const created = (response: TestResponse) => {
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${response.text}`);
  return response.body;
};
