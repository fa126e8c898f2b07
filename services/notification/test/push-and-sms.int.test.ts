import { randomUUID } from 'node:crypto';
import { importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orderPlaced, statusChanged } from './support/events.js';
import { startPushService } from './support/push-service.js';
import { type NotificationUnderTest, startNotification } from './support/start-notification.js';
import { startTwilioStandIn } from './support/twilio-stand-in.js';

let service: NotificationUnderTest;
let push: Awaited<ReturnType<typeof startPushService>>;
let twilio: Awaited<ReturnType<typeof startTwilioStandIn>>;

beforeAll(async () => {
  push = await startPushService();
  twilio = await startTwilioStandIn();
  service = await startNotification({
    PUSH_ALLOW_HTTP_ENDPOINTS: 'true',
    SMS_PROVIDER: 'twilio',
    TWILIO_BASE_URL: twilio.url,
    TWILIO_ACCOUNT_SID: 'AC0123',
    TWILIO_AUTH_TOKEN: 'twilio-token',
    TWILIO_FROM_NUMBER: '+15005550006',
  });
});
afterAll(async () => {
  await service?.stop();
  await push?.close();
  await twilio?.close();
});

const as = async (sub: string) => {
  const headers = await service.identity.bearer({ sub });
  return (method: string, path: string, body?: unknown) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
};

const deliveriesOf = async (eventId: string, channel: string) =>
  service.probe.rows(
    `select recipient, status, attempts, error from notification.deliveries where event_id = $1 and channel = $2`,
    [eventId, channel],
  );

describe('Web Push and SMS', () => {
  it('serves a VAPID key generated once and kept', async () => {
    const { publicKey } = (await service.admin('GET', '/api/v1/notifications/push/vapid-public-key')).body;
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
    expect(await service.probe.rows('select public_key from notification.vapid_keys')).toEqual([
      { public_key: publicKey },
    ]);
  });

  it('pushes an order update to the customer’s subscribed browser, encrypted and VAPID-signed', async () => {
    const customer = randomUUID();
    const send = await as(customer);
    const subscribed = await send(
      'POST',
      '/api/v1/notifications/push-subscriptions',
      push.subscription('/push/dev-1'),
    );
    expect(subscribed.status).toBe(201);
    expect(await subscribed.json()).toMatchObject({ endpoint: `${push.origin}/push/dev-1` });

    const order = orderPlaced({ customerId: customer, email: 'pusher@example.com', number: 'EMP-P1' });
    await service.probe.emit(order);
    await vi.waitFor(() => expect(push.received).toHaveLength(1), { timeout: 10_000, interval: 50 });
    const [request] = push.received;
    expect(request!.path).toBe('/push/dev-1');
    expect(request!.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(request!.headers.ttl)).toBeGreaterThan(0);
    expect(JSON.parse(request!.payload)).toEqual({
      title: 'Order EMP-P1 confirmed',
      body: 'Emporium: order EMP-P1 received, €29.90.',
      url: `https://shop.example/account/orders/${order.data.orderId}`,
    });
    // `vapid t=<jwt>, k=<public key>`: signed by the key browsers subscribed with, for this push service.
    const [, token, key] = /^vapid t=([^,]+), k=(.+)$/.exec(String(request!.headers.authorization))!;
    const { publicKey } = (await service.admin('GET', '/api/v1/notifications/push/vapid-public-key')).body;
    expect(key).toBe(publicKey);
    const raw = Buffer.from(publicKey, 'base64url');
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33).toString('base64url'),
    };
    const { payload } = await jwtVerify(token!, await importJWK(jwk, 'ES256'));
    expect(payload).toMatchObject({ aud: push.origin, sub: 'mailto:no-reply@emporium.local' });

    // A push service saying the subscription is gone (410): it is dropped, the message not retried.
    push.answer(410);
    const shipped = statusChanged({ ...order.data }, 'fulfilled');
    await service.probe.emit(shipped);
    await vi.waitFor(
      async () =>
        expect(await deliveriesOf(shipped.id, 'push')).toEqual([
          expect.objectContaining({ status: 'failed', attempts: 1, error: expect.stringContaining('410') }),
        ]),
      { timeout: 10_000, interval: 50 },
    );
    expect(
      await service.probe.rows(
        'select count(*)::int as n from notification.push_subscriptions where user_id = $1',
        [customer],
      ),
    ).toEqual([{ n: 0 }]);
    push.answer(201);
  });

  it('lets only the owner remove a subscription, and checks what is sent', async () => {
    const owner = await as(randomUUID());
    const other = await as(randomUUID());
    const subscription = push.subscription('/push/dev-2');
    expect((await owner('POST', '/api/v1/notifications/push-subscriptions', subscription)).status).toBe(201);
    const notTheirs = await other('DELETE', '/api/v1/notifications/push-subscriptions', {
      endpoint: subscription.endpoint,
    });
    expect(notTheirs.status).toBe(404);
    expect(
      (await owner('DELETE', '/api/v1/notifications/push-subscriptions', { endpoint: subscription.endpoint }))
        .status,
    ).toBe(204);
    const bad = await owner('POST', '/api/v1/notifications/push-subscriptions', {
      endpoint: subscription.endpoint,
      keys: { p256dh: 'short', auth: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    const anonymous = await fetch(`${service.url}/api/v1/notifications/push-subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(subscription),
    });
    expect(anonymous.status).toBe(401);
  });

  it('texts a customer who chose SMS through Twilio’s Messages API; a refused number is not retried', async () => {
    const customer = randomUUID();
    const send = await as(customer);
    const choice = await send('PUT', '/api/v1/notifications/preferences', {
      preferences: [{ channel: 'sms', category: 'transactional', enabled: true }],
    });
    expect(choice.status).toBe(200);
    const order = orderPlaced({
      customerId: customer,
      email: 'texter@example.com',
      number: 'EMP-S1',
      phone: '+4915112345678',
    });
    await service.probe.emit(order);
    await vi.waitFor(() => expect(twilio.received).toHaveLength(1), { timeout: 10_000, interval: 50 });
    const [request] = twilio.received;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/2010-04-01/Accounts/AC0123/Messages.json',
      form: { To: '+4915112345678', From: '+15005550006', Body: 'Emporium: order EMP-S1 received, €29.90.' },
    });
    expect(request!.headers.authorization).toBe(
      `Basic ${Buffer.from('AC0123:twilio-token').toString('base64')}`,
    );
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    await vi.waitFor(
      async () =>
        expect(await deliveriesOf(order.id, 'sms')).toEqual([
          expect.objectContaining({ recipient: '+4915112345678', status: 'sent' }),
        ]),
      { timeout: 5_000, interval: 50 },
    );

    // Twilio refusing the number (400, code 21211): failed at once, no retry.
    twilio.answerWith(400, { code: 21211, message: "The 'To' number is not a valid phone number." });
    const shipped = statusChanged({ ...order.data }, 'fulfilled', 'TRK-1');
    await service.probe.emit(shipped);
    await vi.waitFor(
      async () =>
        expect(await deliveriesOf(shipped.id, 'sms')).toEqual([
          expect.objectContaining({
            status: 'failed',
            attempts: 1,
            error: 'twilio answered 400 (code 21211)',
          }),
        ]),
      { timeout: 10_000, interval: 50 },
    );
    expect(twilio.received.at(-1)!.form.Body).toBe(
      'Emporium: order EMP-S1 is now shipped. Tracking number: TRK-1',
    );

    // A customer who did not choose SMS gets none, even with a phone on the order.
    const quiet = orderPlaced({
      customerId: randomUUID(),
      email: 'quiet@example.com',
      phone: '+4915199999999',
    });
    await service.probe.emit(quiet);
    await vi.waitFor(async () => expect(await deliveriesOf(quiet.id, 'email')).toHaveLength(1), {
      timeout: 10_000,
      interval: 50,
    });
    expect(await deliveriesOf(quiet.id, 'sms')).toEqual([]);
  });
});
