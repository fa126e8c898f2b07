import { randomUUID } from 'node:crypto';
import type { Json } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lowStock, orderPlaced, outOfStock, paid, passwordReset, registered } from './support/events.js';
import { type NotificationUnderTest, startNotification } from './support/start-notification.js';

let service: NotificationUnderTest;

beforeAll(async () => {
  service = await startNotification();
});
afterAll(async () => {
  await service?.stop();
});

/** What the embedded SMTP server received for an address, read back through the admin mailbox. */
async function mailTo(address: string): Promise<Json[]> {
  const response = await service.admin(
    'GET',
    `/api/v1/notifications/mailbox?to=${encodeURIComponent(address)}`,
  );
  expect(response.status).toBe(200);
  return response.body.items;
}

const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 10_000, interval: 50 });

describe(`email through the embedded SMTP server, on ${process.env.AMQP_URL ? 'RabbitMQ' : 'the in-process broker'}`, () => {
  it('welcomes a new account with its verification link, received by the SMTP server', async () => {
    const user = { userId: randomUUID(), email: 'ada@example.com', name: 'Ada <Lovelace>' };
    await service.probe.emit(
      registered({ ...user, verificationUrl: 'https://shop.example/verify?token=abc&x=1' }),
    );
    await eventually(async () => expect(await mailTo('ada@example.com')).toHaveLength(1));
    const [mail] = await mailTo('ada@example.com');
    expect(mail).toMatchObject({
      from: 'no-reply@emporium.local',
      to: ['ada@example.com'],
      subject: 'Welcome to Emporium, Ada <Lovelace>: please confirm your email',
    });
    expect(mail.text).toContain('https://shop.example/verify?token=abc&x=1');
    expect(mail.html).toContain('href="https://shop.example/verify?token=abc&amp;x=1"');
    expect(mail.html).toContain('Welcome, Ada &lt;Lovelace&gt;');
    expect(mail.text).toContain('Jan 2, 2030, 3:04 AM UTC');

    // The delivery log names the message; the owner reads it, another customer does not see it.
    // (The SMTP server has the mail a moment before the dispatcher records it as sent.)
    const own = await service.identity.bearer({ sub: user.userId });
    await eventually(async () => {
      const log = await fetch(`${service.url}/api/v1/notifications/deliveries`, { headers: own });
      expect(((await log.json()) as Json).items).toEqual([
        expect.objectContaining({
          channel: 'email',
          template: 'verify-email',
          status: 'sent',
          attempts: 1,
          userId: user.userId,
        }),
      ]);
    });
    const stranger = await service.identity.bearer({ sub: randomUUID() });
    const theirs = (await (
      await fetch(`${service.url}/api/v1/notifications`, { headers: stranger })
    ).json()) as Json;
    expect(theirs.items).toEqual([]);
    const peek = await fetch(`${service.url}/api/v1/notifications/deliveries?userId=${user.userId}`, {
      headers: stranger,
    });
    expect(peek.status).toBe(403);
  });

  it('sends one email for an event delivered twice', async () => {
    const event = passwordReset({ userId: randomUUID(), email: 'twice@example.com', name: 'Twice' });
    await service.probe.emit(event);
    await eventually(async () => expect(await mailTo('twice@example.com')).toHaveLength(1));
    // The broker hands the same event over again (a redelivery, as after a lost ack).
    await service.probe.publish(event);
    await service.probe.publish(event);
    await eventually(async () => {
      const inbox = await service.probe.rows(`select status from notification.inbox where event_id = $1`, [
        event.id,
      ]);
      expect(inbox).toEqual([{ status: 'done' }]);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mails = await mailTo('twice@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('https://shop.example/reset?token=secret-token');
    const rows = await service.probe.rows(
      `select count(*)::int as n from notification.deliveries where event_id = $1`,
      [event.id],
    );
    expect(rows).toEqual([{ n: 1 }]);

    // Even once the inbox has forgotten the event (pruned), the delivery's unique key sends nothing more.
    await service.probe.rows(`delete from notification.inbox where event_id = $1`, [event.id]);
    await service.probe.publish(event);
    await eventually(async () => {
      const inbox = await service.probe.rows(`select status from notification.inbox where event_id = $1`, [
        event.id,
      ]);
      expect(inbox).toEqual([{ status: 'done' }]);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await mailTo('twice@example.com')).toHaveLength(1);
  });

  it('confirms a guest order, then its payment, addressed from the order', async () => {
    const order = orderPlaced({ customerId: null, email: 'Guest@Example.com', number: 'EMP-9001' });
    await service.probe.emit(order);
    await service.probe.emit(paid({ orderId: order.data.orderId, customerId: null }));
    await eventually(async () => expect(await mailTo('guest@example.com')).toHaveLength(2));
    const subjects = (await mailTo('guest@example.com')).map((mail) => mail.subject).sort();
    expect(subjects).toEqual(['Order EMP-9001 confirmed', 'Payment received for order EMP-9001']);
    const confirmation = (await mailTo('guest@example.com')).find((mail) =>
      mail.subject.includes('confirmed'),
    );
    expect(confirmation.text).toContain('Thank you for your order, Grace Hopper');
    expect(confirmation.text).toContain('2 item(s), €29.90 in total');
  });

  it('alerts the configured admin addresses of low stock', async () => {
    await service.probe.emit(lowStock('LAMP-7'));
    await eventually(async () => {
      expect(await mailTo('stock@shop.example')).toHaveLength(1);
      expect(await mailTo('ops@shop.example')).toHaveLength(1);
    });
    const [alert] = await mailTo('ops@shop.example');
    expect(alert.subject).toBe('Low stock: LAMP-7 (2 left in eu-1)');
    expect(alert.text).toContain('https://shop.example/admin/inventory/LAMP-7');

    await service.probe.emit(outOfStock('LAMP-7'));
    await eventually(async () => expect(await mailTo('stock@shop.example')).toHaveLength(2));
    expect((await mailTo('stock@shop.example'))[0].subject).toBe('Out of stock: LAMP-7');
  });

  it('guards the mailbox and pages it by keyset', async () => {
    const anonymous = await fetch(`${service.url}/api/v1/notifications/mailbox`);
    expect(anonymous.status).toBe(401);
    const customer = await service.identity.bearer({ sub: randomUUID() });
    expect((await fetch(`${service.url}/api/v1/notifications/mailbox`, { headers: customer })).status).toBe(
      403,
    );
    const first = await service.admin('GET', '/api/v1/notifications/mailbox?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await service.admin(
      'GET',
      `/api/v1/notifications/mailbox?limit=100&cursor=${first.body.nextCursor}`,
    );
    const ids = [...first.body.items, ...second.body.items].map((mail: Json) => mail.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(8);
  });

  it('drops captured mail older than the retention as new mail arrives', async () => {
    await service.probe.emit(lowStock('DESK-1'));
    await eventually(async () =>
      expect((await mailTo('ops@shop.example')).map((mail: Json) => mail.subject)).toContain(
        'Low stock: DESK-1 (2 left in eu-1)',
      ),
    );
    // Everything captured so far becomes a month old (the retention is 14 days).
    await service.probe.rows(`update notification.mailbox set received_at = now() - interval '30 days'`);
    await service.probe.emit(outOfStock('DESK-1'));
    await eventually(async () => {
      const left = await mailTo('ops@shop.example');
      expect(left.map((mail: Json) => mail.subject)).toEqual(['Out of stock: DESK-1']);
    });
  });
});
