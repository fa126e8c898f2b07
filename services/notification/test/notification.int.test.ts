import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { userDeleted } from '@emporium/contracts/events/user-events';
import { createDatabase, type Database } from '@emporium/platform/db/database';
import { httpClient, type Json } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type NewDelivery, recordDeliveries } from '../src/db/deliveries.repo.js';
import * as schema from '../src/db/schema.js';
import { completed, orderPlaced, registered, statusChanged } from './support/events.js';
import { type NotificationUnderTest, startNotification } from './support/start-notification.js';

let service: NotificationUnderTest;
let database: Database<typeof schema>;
let user: ReturnType<typeof httpClient>;

const userId = randomUUID();
const event = '0190a0a0-0000-7000-8000-0000000000e1';

beforeAll(async () => {
  service = await startNotification();
  database = createDatabase({ url: service.database!.url, poolMax: 1, applicationName: 'test' }, schema);
  user = httpClient(service.url, await service.identity.bearer({ sub: userId }));
});
afterAll(async () => {
  await database?.close();
  await service?.stop();
});

const email = (n: number): NewDelivery => ({
  channel: 'email',
  recipient: `customer${n}@example.com`,
  template: 'welcome',
  locale: 'en',
  subject: `Welcome ${n}`,
  userId,
  status: 'sent',
});

const mailTo = async (address: string): Promise<Json[]> =>
  (await service.admin('GET', `/api/v1/notifications/mailbox?to=${encodeURIComponent(address)}`)).body.items;

describe(`notification service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database and events', async () => {
    const response = await user('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['database', 'events']),
    );
  });

  it('serves the signed-in user’s defaults, saves choices, and refuses to turn transactional email off', async () => {
    expect((await httpClient(service.url)('GET', '/api/v1/notifications/preferences')).status).toBe(401);
    const defaults = (await user('GET', '/api/v1/notifications/preferences')).body;
    expect(defaults.userId).toBe(userId);
    expect(defaults.preferences).toHaveLength(12);
    expect(defaults.preferences).toContainEqual({ channel: 'email', category: 'marketing', enabled: false });

    const saved = await user('PUT', '/api/v1/notifications/preferences', {
      preferences: [
        { channel: 'email', category: 'marketing', enabled: true },
        { channel: 'push', category: 'alerts', enabled: false },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.preferences).toContainEqual({ channel: 'email', category: 'marketing', enabled: true });
    expect(saved.body.preferences).toContainEqual({ channel: 'push', category: 'alerts', enabled: false });

    const refused = await user('PUT', '/api/v1/notifications/preferences', {
      preferences: [
        { channel: 'email', category: 'marketing', enabled: false },
        { channel: 'email', category: 'transactional', enabled: false },
      ],
    });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('TRANSACTIONAL_REQUIRED');

    const twice = await user('PUT', '/api/v1/notifications/preferences', {
      preferences: [
        { channel: 'sms', category: 'alerts', enabled: true },
        { channel: 'sms', category: 'alerts', enabled: false },
      ],
    });
    expect(twice.body.code).toBe('PREFERENCE_DUPLICATED');
    const badChannel = await user('PUT', '/api/v1/notifications/preferences', {
      preferences: [{ channel: 'fax', category: 'alerts', enabled: true }],
    });
    expect(badChannel.body.code).toBe('VALIDATION_FAILED');

    // The refused change sets left nothing behind.
    const after = (await user('GET', '/api/v1/notifications/preferences')).body;
    expect(after.preferences).toContainEqual({ channel: 'email', category: 'marketing', enabled: true });
    expect(after.preferences).toContainEqual({ channel: 'sms', category: 'alerts', enabled: false });
  });

  it('honours a marketing opt-out, but still sends transactional mail', async () => {
    const customer = randomUUID();
    const address = 'optin@example.com';
    const signedIn = httpClient(service.url, await service.identity.bearer({ sub: customer }));
    // Registered with the marketing box ticked: a review request after delivery is welcome.
    await service.probe.emit(
      registered({ userId: customer, email: address, name: 'Opt In', marketingOptIn: true }),
    );
    const first = orderPlaced({ customerId: customer, email: address, number: 'EMP-M1' });
    await service.probe.emit(first);
    await service.probe.emit(completed({ ...first.data, customerId: customer }));
    await vi.waitFor(
      async () =>
        expect((await mailTo(address)).map((m) => m.subject).sort()).toEqual([
          'How do you like your order EMP-M1?',
          'Order EMP-M1 confirmed',
          'Welcome to Emporium, Opt In',
        ]),
      { timeout: 10_000, interval: 50 },
    );

    const optOut = await signedIn('PUT', '/api/v1/notifications/preferences', {
      preferences: [{ channel: 'email', category: 'marketing', enabled: false }],
    });
    expect(optOut.status).toBe(200);
    const cannot = await signedIn('PUT', '/api/v1/notifications/preferences', {
      preferences: [{ channel: 'email', category: 'transactional', enabled: false }],
    });
    expect(cannot.status).toBe(409);

    const second = orderPlaced({ customerId: customer, email: address, number: 'EMP-M2' });
    await service.probe.emit(second);
    await service.probe.emit(statusChanged({ ...second.data }, 'fulfilled', 'TRK-9'));
    const review = completed({ ...second.data, customerId: customer });
    await service.probe.emit(review);
    await vi.waitFor(
      async () => {
        const inbox = await service.probe.rows('select status from notification.inbox where event_id = $1', [
          review.id,
        ]);
        expect(inbox).toEqual([{ status: 'done' }]);
        expect((await mailTo(address)).map((m) => m.subject)).toEqual(
          expect.arrayContaining(['Order EMP-M2 confirmed', 'Order EMP-M2: shipped']),
        );
      },
      { timeout: 10_000, interval: 50 },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const subjects = (await mailTo(address)).map((m) => m.subject);
    expect(subjects).toHaveLength(5);
    expect(subjects).not.toContain('How do you like your order EMP-M2?');
  });

  it('forgets an erased account: contact, choices, subscriptions, captured mail; the log keeps no address', async () => {
    const gone = randomUUID();
    await service.probe.emit(registered({ userId: gone, email: 'erase@example.com', name: 'Erase Me' }));
    await vi.waitFor(async () => expect(await mailTo('erase@example.com')).toHaveLength(1), {
      timeout: 10_000,
      interval: 50,
    });
    const signedIn = httpClient(service.url, await service.identity.bearer({ sub: gone }));
    await signedIn('PUT', '/api/v1/notifications/preferences', {
      preferences: [{ channel: 'email', category: 'marketing', enabled: true }],
    });
    await service.probe.emit(
      createEnvelope(userDeleted, {
        subject: gone,
        data: { userId: gone, deletedAt: new Date().toISOString() },
      }),
    );
    await vi.waitFor(
      async () => {
        expect(
          await service.probe.rows('select 1 from notification.recipients where user_id = $1', [gone]),
        ).toEqual([]);
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(await mailTo('erase@example.com')).toEqual([]);
    expect(
      await service.probe.rows('select 1 from notification.preferences where user_id = $1', [gone]),
    ).toEqual([]);
    const log = await service.probe.rows(
      `select recipient, subject, content from notification.deliveries where template = 'welcome' and recipient in ('erase@example.com', 'erased')`,
    );
    expect(log).toEqual([{ recipient: 'erased', subject: null, content: null }]);
  });

  it('writes a message once per event, channel and recipient', async () => {
    const first = await recordDeliveries(database.db, [{ ...email(0), eventId: event }]);
    const again = await recordDeliveries(database.db, [
      { ...email(0), eventId: event },
      {
        ...email(0),
        eventId: event,
        channel: 'push',
        recipient: 'https://push.example/device',
        subject: null,
      },
      { ...email(0), eventId: event, recipient: 'someone-else@example.com' },
    ]);
    expect(first).toHaveLength(1);
    expect(again.map((row) => [row.channel, row.recipient])).toEqual([
      ['push', 'https://push.example/device'],
      ['email', 'someone-else@example.com'],
    ]);
  });

  it('pages the outbox newest first by keyset, per channel, without gaps or repeats', async () => {
    await recordDeliveries(database.db, [1, 2, 3, 4, 5].map(email));
    const before = (await service.admin('GET', '/api/v1/notifications/outbox?channel=email&limit=100')).body
      .items.length;
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = `channel=email&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await service.admin('GET', `/api/v1/notifications/outbox?${query}`);
      expect(page.status).toBe(200);
      for (const item of page.body.items) {
        expect(item.channel).toBe('email');
        expect(item).not.toHaveProperty('content');
        seen.push(`${item.createdAt}|${item.id}`);
      }
      cursor = page.body.nextCursor;
    }
    expect(seen).toHaveLength(before);
    expect(new Set(seen).size).toBe(before);
    expect(seen).toEqual([...seen].sort().reverse());

    expect((await user('GET', '/api/v1/notifications/outbox')).status).toBe(403);
    // The owner's own log: the rows recorded for them above, and nobody else's.
    const mine = (await user('GET', '/api/v1/notifications/deliveries?limit=100')).body.items;
    expect(mine.length).toBeGreaterThanOrEqual(8);
    for (const item of mine) expect(item.userId).toBe(userId);
  });

  it('refuses a cursor it did not hand out and a limit over the cap', async () => {
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    for (const cursor of ['garbage', forged]) {
      const response = await service.admin('GET', `/api/v1/notifications/outbox?cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toEqual([expect.objectContaining({ path: '/cursor' })]);
    }
    expect((await service.admin('GET', '/api/v1/notifications/outbox?limit=1000')).status).toBe(400);
  });

  it('renders the bundled templates from their files, escaping values in HTML', async () => {
    const templates = (await service.admin('GET', '/api/v1/notifications/templates')).body.items;
    expect(templates).toContainEqual({ name: 'order-status', locales: ['de', 'en'] });
    expect(templates.map((t: { name: string }) => t.name)).toEqual([
      'low-stock',
      'order-cancelled',
      'order-confirmation',
      'order-status',
      'out-of-stock',
      'password-reset',
      'payment-failed',
      'payment-received',
      'payment-refunded',
      'review-request',
      'verify-email',
      'welcome',
    ]);
    const preview = await service.admin(
      'POST',
      '/api/v1/notifications/templates/order-confirmation/preview',
      {
        locale: 'fr-FR',
        data: {
          name: 'Ada <Lovelace>',
          orderNumber: 'EM-1001',
          itemCount: 2,
          total: '$42.00',
          orderUrl: 'https://shop.example/orders/1?a=1&b=2',
        },
      },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.locale).toBe('en');
    expect(preview.body.subject).toBe('Order EM-1001 confirmed');
    expect(preview.body.html).toContain('Thank you for your order, Ada &lt;Lovelace&gt;');
    expect(preview.body.html).toContain('href="https://shop.example/orders/1?a=1&amp;b=2"');
    expect(preview.body.text).toContain('Thank you for your order, Ada <Lovelace>');
    expect(preview.body.short).toBe('Emporium: order EM-1001 received, $42.00.');

    const german = await service.admin('POST', '/api/v1/notifications/templates/order-status/preview', {
      locale: 'de-AT',
      data: {
        name: 'Jörg',
        orderNumber: 'EM-7',
        status: 'versandt',
        tracking: '',
        orderUrl: 'https://shop.example',
      },
    });
    expect(german.body).toMatchObject({ locale: 'de', subject: 'Bestellung EM-7: versandt' });

    const missing = await service.admin('POST', '/api/v1/notifications/templates/welcome/preview', {
      data: {},
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'TEMPLATE_DATA_MISSING', missing: ['name', 'shopUrl'] });
    const unknown = await service.admin('POST', '/api/v1/notifications/templates/nope/preview', { data: {} });
    expect(unknown.body.code).toBe('TEMPLATE_NOT_FOUND');
    const traversal = await service.admin('POST', '/api/v1/notifications/templates/..%2Fetc/preview', {
      data: {},
    });
    expect(traversal.status).toBe(400);
    expect((await user('GET', '/api/v1/notifications/templates')).status).toBe(403);
  });
});
