import { createDatabase, type Database } from '@emporium/platform/db/database';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NewDelivery, recordDeliveries } from '../src/db/deliveries.repo.js';
import * as schema from '../src/db/schema.js';
import { notificationService } from '../src/service.js';

let service: TestService;
let database: Database<typeof schema>;
let send: ReturnType<typeof httpClient>;

const user = '0190a0a0-0000-7000-8000-0000000000a1';
const event = '0190a0a0-0000-7000-8000-0000000000e1';

beforeAll(async () => {
  service = await startTestService(notificationService);
  database = createDatabase({ url: service.database!.url, poolMax: 1, applicationName: 'test' }, schema);
  send = httpClient(service.url);
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
  userId: user,
});

describe(`notification service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database', async () => {
    const response = await send('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toContain('database');
  });

  it('serves defaults, saves choices, and refuses to turn transactional email off', async () => {
    const defaults = (await send('GET', `/api/v1/notifications/preferences?userId=${user}`)).body;
    expect(defaults.preferences).toHaveLength(12);
    expect(defaults.preferences).toContainEqual({ channel: 'email', category: 'marketing', enabled: false });

    const saved = await send('PUT', '/api/v1/notifications/preferences', {
      userId: user,
      preferences: [
        { channel: 'email', category: 'marketing', enabled: true },
        { channel: 'push', category: 'alerts', enabled: false },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.preferences).toContainEqual({ channel: 'email', category: 'marketing', enabled: true });
    expect(saved.body.preferences).toContainEqual({ channel: 'push', category: 'alerts', enabled: false });

    const refused = await send('PUT', '/api/v1/notifications/preferences', {
      userId: user,
      preferences: [
        { channel: 'email', category: 'marketing', enabled: false },
        { channel: 'email', category: 'transactional', enabled: false },
      ],
    });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('TRANSACTIONAL_REQUIRED');

    const twice = await send('PUT', '/api/v1/notifications/preferences', {
      userId: user,
      preferences: [
        { channel: 'sms', category: 'alerts', enabled: true },
        { channel: 'sms', category: 'alerts', enabled: false },
      ],
    });
    expect(twice.body.code).toBe('PREFERENCE_DUPLICATED');
    const badChannel = await send('PUT', '/api/v1/notifications/preferences', {
      userId: user,
      preferences: [{ channel: 'fax', category: 'alerts', enabled: true }],
    });
    expect(badChannel.body.code).toBe('VALIDATION_FAILED');
    expect((await send('GET', '/api/v1/notifications/preferences')).status).toBe(400);

    // The refused change sets left nothing behind.
    const after = (await send('GET', `/api/v1/notifications/preferences?userId=${user}`)).body;
    expect(after.preferences).toContainEqual({ channel: 'email', category: 'marketing', enabled: true });
    expect(after.preferences).toContainEqual({ channel: 'sms', category: 'alerts', enabled: false });
  });

  it('logs a redelivered event once per channel and template', async () => {
    const first = await recordDeliveries(database.db, [{ ...email(0), eventId: event }]);
    const again = await recordDeliveries(database.db, [
      { ...email(0), eventId: event },
      { ...email(0), eventId: event, channel: 'push', recipient: 'device', subject: null },
    ]);
    expect(first).toHaveLength(1);
    expect(again.map((row) => row.channel)).toEqual(['push']);
  });

  it('pages the outbox newest first by keyset, per channel, without gaps or repeats', async () => {
    // One statement: the five rows share created_at, so the id decides their order.
    await recordDeliveries(database.db, [1, 2, 3, 4, 5].map(email));
    await recordDeliveries(database.db, [
      { channel: 'sms', recipient: '+15550100', template: 'welcome', locale: 'en', subject: null },
    ]);

    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const query: string = `channel=email&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await send('GET', `/api/v1/notifications/outbox?${query}`);
      expect(page.status).toBe(200);
      for (const item of page.body.items) {
        expect(item.channel).toBe('email');
        seen.push(`${item.createdAt}|${item.id}`);
      }
      cursor = page.body.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen).toEqual([...seen].sort().reverse());

    const all = (await send('GET', '/api/v1/notifications/outbox?limit=100')).body;
    expect(all.items).toHaveLength(8);
    expect(all.nextCursor).toBeNull();
    expect(all.items[0]).toMatchObject({ channel: 'sms', status: 'queued', attempts: 0, subject: null });
    const sms = (await send('GET', '/api/v1/notifications/outbox?channel=sms')).body.items;
    expect(sms.map((d: { recipient: string }) => d.recipient)).toEqual(['+15550100']);
  });

  it('refuses a cursor it did not hand out and a limit over the cap', async () => {
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    for (const cursor of ['garbage', forged]) {
      const response = await send('GET', `/api/v1/notifications/outbox?cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toEqual([expect.objectContaining({ path: '/cursor' })]);
    }
    expect((await send('GET', '/api/v1/notifications/outbox?limit=1000')).status).toBe(400);
  });

  it('renders the bundled templates from their files, escaping values in HTML', async () => {
    const templates = (await send('GET', '/api/v1/notifications/templates')).body.items;
    expect(templates).toEqual([
      { name: 'order-confirmation', locales: ['en'] },
      { name: 'welcome', locales: ['en'] },
    ]);
    const preview = await send('POST', '/api/v1/notifications/templates/order-confirmation/preview', {
      locale: 'fr-FR',
      data: {
        name: 'Ada <Lovelace>',
        orderNumber: 'EM-1001',
        itemCount: 2,
        total: '$42.00',
        orderUrl: 'https://shop.example/orders/1?a=1&b=2',
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.locale).toBe('en');
    expect(preview.body.subject).toBe('Order EM-1001 confirmed');
    expect(preview.body.html).toContain('Thank you for your order, Ada &lt;Lovelace&gt;');
    expect(preview.body.html).toContain('href="https://shop.example/orders/1?a=1&amp;b=2"');
    expect(preview.body.text).toContain('Thank you for your order, Ada <Lovelace>');

    const missing = await send('POST', '/api/v1/notifications/templates/welcome/preview', { data: {} });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'TEMPLATE_DATA_MISSING', missing: ['name', 'shopUrl'] });
    const unknown = await send('POST', '/api/v1/notifications/templates/nope/preview', { data: {} });
    expect(unknown.body.code).toBe('TEMPLATE_NOT_FOUND');
    const traversal = await send('POST', '/api/v1/notifications/templates/..%2Fetc/preview', { data: {} });
    expect(traversal.status).toBe(400);
  });
});
