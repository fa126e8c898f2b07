import { randomUUID } from 'node:crypto';
import { serviceKeyEnvironments } from '@emporium/launcher/credentials/service-keys';
import { loadDemoCatalog } from '@emporium/launcher/demo/load-demo-catalog';
import { seedDemo } from '@emporium/launcher/demo/seed-demo';
import { type EmbeddedPlatform, startEmbeddedPlatform } from '@emporium/launcher/embedded/start-embedded';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';

/**
 * A shopper's checkout on the embedded platform exactly as `npm start` wires
 * it: real logins at the user service, the order service acting with the
 * API key the launcher provisions (holding stock, refunding), the sandbox
 * card provider, everything through the gateway.
 */
const accounts = {
  admin: { email: 'admin@e2e.test', password: 'e2e-admin-password', name: 'E2E Admin' },
  customer: { email: 'customer@e2e.test', password: 'e2e-customer-password', name: 'E2E Customer' },
};
let platform: EmbeddedPlatform;
let sku: string;

beforeAll(async () => {
  platform = await startEmbeddedPlatform({
    ephemeral: true,
    dataDir: '.data/unused',
    gatewayPort: 0,
    logLevel: 'silent',
    baseEnv: { LIVE_CONFIG: 'false' },
    serviceEnv: serviceKeyEnvironments(undefined),
    onProgress: () => {},
  });
  const full = loadDemoCatalog();
  const catalog = { ...full, products: full.products.slice(0, 20) };
  await seedDemo(platform.services, { catalog, accounts }, () => {});
  sku = catalog.products[0]!.variants[0]!.sku;
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

async function signIn(account: { email: string; password: string }) {
  const login = await httpClient(platform.gatewayUrl)('POST', '/api/v1/auth/login', {
    email: account.email,
    password: account.password,
  });
  expect(login.status).toBe(200);
  return { authorization: `Bearer ${login.body.accessToken}` };
}

describe('checkout on the embedded platform (npm start)', () => {
  it('takes a signed-in customer from cart to a paid order, and a cancellation refunds it', async () => {
    const admin = httpClient(platform.gatewayUrl, await signIn(accounts.admin));
    const customerCredentials = await signIn(accounts.customer);
    const customer = httpClient(platform.gatewayUrl, customerCredentials);

    const warehouse = (await admin('GET', '/api/v1/warehouses')).body.items[0].id;
    expect(
      (await admin('PUT', `/api/v1/inventory/${sku}/warehouses/${warehouse}`, { onHand: 5 })).status,
    ).toBe(200);

    const before = (await admin('GET', `/api/v1/inventory/${sku}`)).body;
    // The customer watches their orders live, through the gateway (the token in the URL, as a browser must).
    const accessToken = customerCredentials.authorization.slice('Bearer '.length);
    const live = new WebSocket(
      `${platform.gatewayUrl.replace(/^http/, 'ws')}/api/v1/ws?access_token=${accessToken}`,
    );
    const heard: Array<{ type: string; data: Record<string, unknown> }> = [];
    live.on('message', (data) => heard.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      live.once('open', resolve);
      live.once('error', reject);
    });

    const cart = (await customer('POST', '/api/v1/carts')).body;
    expect((await customer('POST', `/api/v1/carts/${cart.id}/items`, { sku, quantity: 2 })).status).toBe(200);
    const placed = await customer(
      'POST',
      '/api/v1/orders',
      {
        cartId: cart.id,
        email: accounts.customer.email,
        shippingAddress: {
          name: 'E2E Customer',
          line1: '1 Test Street',
          city: 'Lisbon',
          postalCode: '1000-001',
          country: 'PT',
        },
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(placed.status, placed.text).toBe(201);
    expect(placed.body.status).toBe('pending_payment');
    // The order service held the stock with its provisioned key.
    const held = (await admin('GET', `/api/v1/inventory/${sku}`)).body;
    expect(held.reserved).toBe(before.reserved + 2);

    const providers = (await customer('GET', '/api/v1/payments/providers')).body;
    const tokenizeUrl: string = providers.items.find((p: { name: string }) => p.name === 'sandbox').client
      .tokenizeUrl;
    const token = await httpClient(tokenizeUrl.replace(/\/v1\/tokens$/, ''), {
      authorization: 'Bearer sk_sandbox_emporium',
    })('POST', '/v1/tokens', {
      card: {
        number: '4242424242424242',
        exp_month: 12,
        exp_year: new Date().getUTCFullYear() + 2,
        cvc: '737',
      },
    });
    const payment = await customer(
      'POST',
      '/api/v1/payments',
      { orderId: placed.body.id, provider: 'sandbox', method: { type: 'card', token: token.body.id } },
      { 'idempotency-key': randomUUID() },
    );
    expect(payment.status, payment.text).toBe(201);
    await vi.waitFor(
      async () =>
        expect((await customer('GET', `/api/v1/orders/${placed.body.id}`)).body.status).toBe('paid'),
      { timeout: 20_000, interval: 200 },
    );
    expect((await admin('GET', `/api/v1/inventory/${sku}`)).body).toMatchObject({
      onHand: before.onHand - 2,
      reserved: before.reserved,
    });
    // The order's confirmation reached the SMTP server (the embedded one, read back by an admin)...
    await vi.waitFor(
      async () => {
        const mailbox = await admin(
          'GET',
          `/api/v1/notifications/mailbox?to=${encodeURIComponent(accounts.customer.email)}`,
        );
        expect(mailbox.body.items.map((mail: { subject: string }) => mail.subject).join('\n')).toContain(
          placed.body.number,
        );
      },
      { timeout: 20_000, interval: 200 },
    );
    // ...and the customer's socket heard the order become paid.
    await vi.waitFor(
      () =>
        expect(heard.some((m) => m.data.orderId === placed.body.id && m.data.status === 'paid')).toBe(true),
      { timeout: 10_000, interval: 100 },
    );
    live.close();

    // Cancelling a paid order refunds it, through the order service's own key (payments:refund).
    expect((await customer('POST', `/api/v1/orders/${placed.body.id}/cancel`)).body.status).toBe('cancelled');
    await vi.waitFor(
      async () =>
        expect((await customer('GET', `/api/v1/payments/${payment.body.id}`)).body.totals).toMatchObject({
          refundedMinor: placed.body.totalMinor,
        }),
      { timeout: 20_000, interval: 200 },
    );
  }, 120_000);
});
