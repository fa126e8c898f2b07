import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orderPlaced, registered } from './support/events.js';
import { type NotificationUnderTest, startNotification } from './support/start-notification.js';

interface Received {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server the test controls: the service reaches it through SMTP_URL, like a production relay. */
function relay() {
  const received: Received[] = [];
  let rejectNext = 0;
  let rejectCode = 451;
  const server = new SMTPServer({
    // Credentials required (over plain SMTP on loopback): the service must use those in SMTP_URL.
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 's3cret/pass')
        return callback(null, { user: 'mailer' });
      return callback(new Error('bad credentials'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        if (rejectNext > 0) {
          rejectNext -= 1;
          return callback(Object.assign(new Error('refused'), { responseCode: rejectCode }));
        }
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: mail.subject ?? '',
          text: mail.text ?? '',
        });
        callback();
      }, callback);
    },
  });
  return {
    received,
    rejectNextWith: (code: number, count: number) => {
      rejectCode = code;
      rejectNext = count;
    },
    listen: (port: number) =>
      new Promise<number>((resolve) =>
        server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    server,
  };
}

let smtp: ReturnType<typeof relay>;
let port: number;
let service: NotificationUnderTest;

beforeAll(async () => {
  smtp = relay();
  port = await smtp.listen(0);
  service = await startNotification({
    SMTP_URL: `smtp://mailer:${encodeURIComponent('s3cret/pass')}@127.0.0.1:${port}`,
  });
});
afterAll(async () => {
  await service?.stop();
  await smtp?.close();
});

const deliveryOf = async (eventId: string) =>
  (
    await service.probe.rows(
      `select status, attempts, error from notification.deliveries where event_id = $1`,
      [eventId],
    )
  )[0];

describe('email through an external SMTP relay (SMTP_URL)', () => {
  it('sends with the relay’s credentials and keeps nothing in the embedded mailbox', async () => {
    const event = registered({ userId: randomUUID(), email: 'relay@example.com', name: 'Relay' });
    await service.probe.emit(event);
    await vi.waitFor(() => expect(smtp.received.map((m) => m.to)).toContainEqual(['relay@example.com']), {
      timeout: 10_000,
      interval: 50,
    });
    expect(smtp.received.find((m) => m.to[0] === 'relay@example.com')!.subject).toBe(
      'Welcome to Emporium, Relay',
    );
    expect((await service.admin('GET', '/api/v1/notifications/mailbox')).body.items).toEqual([]);
  });

  it('retries a temporary refusal (451) and delivers once', async () => {
    smtp.rejectNextWith(451, 2);
    const event = orderPlaced({ customerId: null, email: 'busy@example.com', number: 'EMP-451' });
    await service.probe.emit(event);
    await vi.waitFor(
      async () => expect(await deliveryOf(event.id)).toMatchObject({ status: 'sent', attempts: 3 }),
      {
        timeout: 10_000,
        interval: 50,
      },
    );
    expect(smtp.received.filter((m) => m.to[0] === 'busy@example.com')).toHaveLength(1);
  });

  it('keeps a message while the relay is down, and delivers it once when it is back', async () => {
    await smtp.close();
    const event = orderPlaced({ customerId: null, email: 'later@example.com', number: 'EMP-DOWN' });
    await service.probe.emit(event);
    // Attempts pile up with backoff while the relay refuses connections; the message stays queued.
    await vi.waitFor(
      async () => {
        const row = await deliveryOf(event.id);
        expect(row.status).toBe('queued');
        expect(row.attempts).toBeGreaterThanOrEqual(2);
        expect(row.error).toMatch(/ECONNREFUSED|connect/i);
      },
      { timeout: 10_000, interval: 50 },
    );

    smtp = relay();
    await smtp.listen(port);
    await vi.waitFor(async () => expect((await deliveryOf(event.id)).status).toBe('sent'), {
      timeout: 10_000,
      interval: 50,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = smtp.received.filter((m) => m.to[0] === 'later@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Order EMP-DOWN confirmed');
  });

  it('fails a permanently refused message at once, and an admin sends it again', async () => {
    smtp.rejectNextWith(550, 1);
    const event = orderPlaced({ customerId: null, email: 'refused@example.com', number: 'EMP-550' });
    await service.probe.emit(event);
    await vi.waitFor(
      async () => expect(await deliveryOf(event.id)).toMatchObject({ status: 'failed', attempts: 1 }),
      {
        timeout: 10_000,
        interval: 50,
      },
    );
    const [{ id }] = await service.probe.rows('select id from notification.deliveries where event_id = $1', [
      event.id,
    ]);
    const customer = await service.identity.bearer({ sub: 'someone' });
    const forbidden = await fetch(`${service.url}/api/v1/notifications/deliveries/${id}/retry`, {
      method: 'POST',
      headers: customer,
    });
    expect(forbidden.status).toBe(403);
    const retried = await service.admin('POST', `/api/v1/notifications/deliveries/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id, status: 'queued', attempts: 0 });
    await vi.waitFor(
      async () => expect(await deliveryOf(event.id)).toMatchObject({ status: 'sent', attempts: 1 }),
      {
        timeout: 10_000,
        interval: 50,
      },
    );
    expect(smtp.received.filter((m) => m.to[0] === 'refused@example.com')).toHaveLength(1);
    const again = await service.admin('POST', `/api/v1/notifications/deliveries/${id}/retry`);
    expect(again.body.code).toBe('DELIVERY_NOT_RETRYABLE');
    const unknown = await service.admin('POST', `/api/v1/notifications/deliveries/${randomUUID()}/retry`);
    expect(unknown.status).toBe(404);
  });
});
