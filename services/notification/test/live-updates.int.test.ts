import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { lowStock, orderPlaced, paid, statusChanged } from './support/events.js';
import { type NotificationUnderTest, startNotification } from './support/start-notification.js';

let service: NotificationUnderTest;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  service = await startNotification();
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await service?.stop();
});

interface Listener {
  socket: WebSocket;
  // biome-ignore lint/suspicious/noExplicitAny: messages are asserted on
  messages: any[];
}

/** Opens a live socket and waits for the server's `ready`, so no update can race the subscription. */
async function listen(options: { headers?: Record<string, string>; query?: string }): Promise<Listener> {
  const url = `${service.url.replace('http', 'ws')}/api/v1/notifications/live${options.query ?? ''}`;
  const socket = new WebSocket(url, { headers: options.headers ?? {} });
  sockets.push(socket);
  const messages: Listener['messages'] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    const check = setInterval(() => {
      if (messages.some((m) => m.type === 'ready')) {
        clearInterval(check);
        resolve();
      }
    }, 10);
  });
  return { socket, messages };
}

/** Resolves with the HTTP status of a refused upgrade. */
function refusal(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => reject(new Error('the socket opened')));
    socket.on('error', () => {});
  });
}

const updatesOf = (listener: Listener) => listener.messages.filter((m) => m.type !== 'ready');

describe('live updates over WebSocket', () => {
  it('refuses a socket without a valid token', async () => {
    const url = `${service.url.replace('http', 'ws')}/api/v1/notifications/live`;
    expect(await refusal(url)).toBe(401);
    expect(await refusal(`${url}?access_token=not-a-jwt`)).toBe(401);
    expect(await refusal(url, { authorization: 'Bearer forged.token.value' })).toBe(401);
  });

  it('closes a socket when the token it was opened with expires (4001)', async () => {
    const token = await service.identity.token({ sub: randomUUID(), expiresIn: '3s' });
    const listener = await listen({ query: `?access_token=${token}` });
    const closed = await new Promise<number>((resolve) =>
      listener.socket.once('close', (code) => resolve(code)),
    );
    expect(closed).toBe(4001);
  });

  it('gives each customer their own orders’ status changes, and nobody else’s', async () => {
    const alice = randomUUID();
    const bob = randomUUID();
    // One signs in with the header, the other the way a browser does: the token in the query.
    const aliceLive = await listen({ headers: await service.identity.bearer({ sub: alice }) });
    const bobLive = await listen({ query: `?access_token=${await service.identity.token({ sub: bob })}` });

    const aliceOrder = orderPlaced({ customerId: alice, email: 'alice@example.com', number: 'EMP-A1' });
    const bobOrder = orderPlaced({ customerId: bob, email: 'bob@example.com', number: 'EMP-B1' });
    await service.probe.emit(aliceOrder);
    await service.probe.emit(bobOrder);
    const alicePaid = statusChanged({ ...aliceOrder.data }, 'paid');
    await service.probe.emit(alicePaid);
    await service.probe.emit(paid({ orderId: aliceOrder.data.orderId, customerId: alice }));
    const shipped = statusChanged({ ...aliceOrder.data }, 'fulfilled', 'TRACK-42');
    await service.probe.emit(shipped);
    await service.probe.emit(statusChanged({ ...bobOrder.data }, 'paid'));

    await vi.waitFor(
      () => {
        expect(
          updatesOf(aliceLive)
            .map((m) => m.type)
            .sort(),
        ).toEqual(['order.created', 'order.updated', 'order.updated', 'payment.completed']);
        expect(
          updatesOf(bobLive)
            .map((m) => m.type)
            .sort(),
        ).toEqual(['order.created', 'order.updated']);
      },
      { timeout: 10_000, interval: 50 },
    );
    const shippedUpdate = updatesOf(aliceLive).find((m) => m.eventId === shipped.id);
    expect(shippedUpdate.data).toMatchObject({
      orderId: aliceOrder.data.orderId,
      number: 'EMP-A1',
      previousStatus: 'paid',
      status: 'fulfilled',
      trackingNumber: 'TRACK-42',
    });
    // Nothing of Alice's reached Bob, nor the other way round.
    for (const update of updatesOf(bobLive)) expect(update.data.orderId).toBe(bobOrder.data.orderId);
    for (const update of updatesOf(aliceLive)) expect(update.data.orderId).toBe(aliceOrder.data.orderId);
    // No email address or address line travels over the socket.
    expect(JSON.stringify(aliceLive.messages)).not.toContain('alice@example.com');
  });

  it('sends low-stock alerts to staff sockets only', async () => {
    const admin = await listen({
      headers: await service.identity.bearer({ sub: 'admin-live', roles: ['admin'] }),
    });
    const support = await listen({
      headers: await service.identity.bearer({ sub: 'support-live', roles: ['support'] }),
    });
    const customer = await listen({ headers: await service.identity.bearer({ sub: randomUUID() }) });
    const alert = lowStock('DESK-3');
    await service.probe.emit(alert);
    await vi.waitFor(
      () => {
        expect(updatesOf(admin).map((m) => m.eventId)).toEqual([alert.id]);
        expect(updatesOf(support).map((m) => m.eventId)).toEqual([alert.id]);
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(updatesOf(admin)[0]).toMatchObject({
      type: 'inventory.low_stock',
      data: { sku: 'DESK-3', available: 2 },
    });
    // The customer's socket is open and got its `ready`, yet no alert.
    expect(customer.messages.map((m) => m.type)).toEqual(['ready']);
  });

  it('honours a customer’s choice to turn live updates off', async () => {
    const carol = randomUUID();
    const headers = await service.identity.bearer({ sub: carol });
    const off = await fetch(`${service.url}/api/v1/notifications/preferences`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        preferences: [{ channel: 'websocket', category: 'transactional', enabled: false }],
      }),
    });
    expect(off.status).toBe(200);
    const carolLive = await listen({ headers });
    const order = orderPlaced({ customerId: carol, email: 'carol@example.com' });
    await service.probe.emit(order);
    await vi.waitFor(
      async () => {
        const rows = await service.probe.rows(`select status from notification.inbox where event_id = $1`, [
          order.id,
        ]);
        expect(rows).toEqual([{ status: 'done' }]);
      },
      { timeout: 10_000, interval: 50 },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(updatesOf(carolLive)).toEqual([]);
  });
});
