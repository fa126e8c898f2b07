import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { paymentCompleted, paymentFailed } from '@emporium/contracts/events/payment-events';
import { httpClient, type Json } from '@emporium/platform/testing/http';
import pg from 'pg';

export const address = {
  name: 'Ada Lovelace',
  line1: '12 St James Sq',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

/**
 * A shopper's session against one base URL (the gateway, or the order
 * service itself): a guest (the cart's token proves ownership), or a
 * signed-in customer when `credentials` are given.
 */
export function guest(baseUrl: string, credentials: Record<string, string> = {}) {
  let cartToken = '';
  let cartId = '';
  const send = httpClient(baseUrl, credentials);
  const headers = (): Record<string, string> => (cartToken ? { 'x-cart-token': cartToken } : {});
  return {
    get cartId() {
      return cartId;
    },
    get cartToken() {
      return cartToken;
    },
    async newCart() {
      const created = await send('POST', '/api/v1/carts');
      if (created.status !== 201) throw new Error(`cart not created: ${created.status} ${created.text}`);
      cartId = created.body.id;
      cartToken = created.body.cartToken ?? '';
      return created;
    },
    add: (sku: string, quantity = 1) =>
      send('POST', `/api/v1/carts/${cartId}/items`, { sku, quantity }, headers()),
    cart: () => send('GET', `/api/v1/carts/${cartId}`, undefined, headers()),
    checkout: (key: string = randomUUID(), body: Json = {}) =>
      send(
        'POST',
        '/api/v1/orders',
        { cartId, shippingAddress: address, email: 'ada@example.com', ...body },
        { ...headers(), 'idempotency-key': key },
      ),
    order: (id: string) => send('GET', `/api/v1/orders/${id}`, undefined, headers()),
    cancel: (id: string) => send('POST', `/api/v1/orders/${id}/cancel`, undefined, headers()),
    send: (method: string, path: string, body?: unknown) => send(method, path, body, headers()),
  };
}

export function paymentCompletedFor(order: { id: string; totalMinor: number; customerId: string | null }) {
  const paymentId = randomUUID();
  return createEnvelope(paymentCompleted, {
    subject: order.id,
    data: {
      paymentId,
      orderId: order.id,
      customerId: order.customerId,
      amountMinor: order.totalMinor,
      currency: 'EUR',
      provider: 'sandbox',
      providerReference: `sbx_${paymentId.slice(0, 8)}`,
      completedAt: new Date().toISOString(),
    },
  });
}

export function paymentFailedFor(order: { id: string; totalMinor: number; customerId: string | null }) {
  return createEnvelope(paymentFailed, {
    subject: order.id,
    data: {
      paymentId: randomUUID(),
      orderId: order.id,
      customerId: order.customerId,
      amountMinor: order.totalMinor,
      currency: 'EUR',
      provider: 'sandbox',
      reasonCode: 'card_declined',
      reason: 'The card was declined',
      failedAt: new Date().toISOString(),
    },
  });
}

/** Runs one query on the shop's database (tests read what the services wrote). */
export async function query<Row = Json>(
  databaseUrl: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Pays an order with a test card through the payment service and its sandbox gateway. */
export async function payWithCard(
  paymentUrl: string,
  credentials: Record<string, string>,
  orderId: string,
  card: string,
): Promise<Json> {
  const send = httpClient(paymentUrl, credentials);
  const providers = (await send('GET', '/api/v1/payments/providers')).body;
  const tokenizeUrl: string = providers.items.find((p: { name: string }) => p.name === 'sandbox').client
    .tokenizeUrl;
  const token = await httpClient(tokenizeUrl.replace(/\/v1\/tokens$/, ''), {
    authorization: 'Bearer sk_sandbox_emporium',
  })('POST', '/v1/tokens', {
    card: { number: card, exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: '737' },
  });
  const paid = await send(
    'POST',
    '/api/v1/payments',
    { orderId, provider: 'sandbox', method: { type: 'card', token: token.body.id } },
    { 'idempotency-key': randomUUID() },
  );
  if (paid.status !== 201) throw new Error(`payment refused: ${paid.status} ${paid.text}`);
  return paid.body;
}

export const testCards = { succeeds: '4242424242424242', declined: '4000000000000002' };
