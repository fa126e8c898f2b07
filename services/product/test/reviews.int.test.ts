import { randomUUID } from 'node:crypto';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { orderCompleted } from '@emporium/contracts/events/order-events';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sandal } from './support/products.js';
import { type ProductUnderTest, type Send, startProductOnBroker } from './support/start-product.js';

/** The same in-process broker the order service would publish `order.completed` into. */
const broker = createInProcessBroker();
let product: ProductUnderTest;
let productId: string;
const alice = randomUUID();
const bob = randomUUID();
let asAlice: Send;
let asBob: Send;

beforeAll(async () => {
  product = await startProductOnBroker(broker);
  productId = (await product.admin('POST', '/api/v1/products', sandal('trail', { status: 'active' }))).body
    .id;
  asAlice = await product.customer(alice);
  asBob = await product.customer(bob);
});
afterAll(async () => {
  await product?.stop();
});

const markup = `<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"`;

const completed = (customerId: string) =>
  createEnvelope(orderCompleted, {
    subject: randomUUID(),
    data: {
      orderId: randomUUID(),
      number: 'EMP-1001',
      customerId,
      email: 'buyer@example.test',
      currency: 'EUR',
      totalMinor: 4_500,
      lines: [{ sku: 'TRAIL-41', productId, title: 'Trail Sandal', quantity: 1, unitPriceMinor: 4_500 }],
      completedAt: new Date().toISOString(),
    },
  });

const purchasesOf = (customerId: string) =>
  product.sql('select product_id from product.purchases where customer_id = $1', [customerId]);

describe('reviews', () => {
  it('stores review text as sent and returns it as inert JSON text', async () => {
    const posted = await asAlice('POST', `/api/v1/products/${productId}/reviews`, {
      rating: 4,
      title: markup,
      body: `Line one\n${markup}`,
      authorName: '<b>Alice</b>',
    });
    expect(posted.status).toBe(201);
    expect(posted.headers.get('content-type')).toMatch(/^application\/json/);
    expect(posted.headers.get('x-content-type-options')).toBe('nosniff');
    expect(posted.body).toMatchObject({
      title: markup,
      body: `Line one\n${markup}`,
      authorName: '<b>Alice</b>',
      status: 'pending',
      verifiedPurchase: false,
    });
    expect(posted.body).not.toHaveProperty('customerId');
    expect(posted.text).toContain('\\"x\\"'); // a JSON string, escaped as such, not markup
  });

  it('takes one review per customer per product, from signed-in customers only', async () => {
    const again = await asAlice('POST', `/api/v1/products/${productId}/reviews`, {
      rating: 1,
      title: 'Again',
      body: '',
    });
    expect([again.status, again.body.code]).toEqual([409, 'REVIEW_EXISTS']);
    const anonymous = await product.anonymous('POST', `/api/v1/products/${productId}/reviews`, {
      rating: 5,
      title: 'x',
      body: '',
    });
    expect(anonymous.status).toBe(401);
    for (const rating of [0, 6, 4.5]) {
      expect(
        (await asBob('POST', `/api/v1/products/${productId}/reviews`, { rating, title: 't', body: '' }))
          .status,
      ).toBe(400);
    }
    const control = await asBob('POST', `/api/v1/products/${productId}/reviews`, {
      rating: 5,
      title: 'a\u0000b',
      body: '',
    });
    expect(control.status).toBe(400);
  });

  it('marks a review as a verified purchase once order.completed arrives through the broker, exactly once', async () => {
    const event = completed(alice);
    await broker.publish(event);
    await vi.waitFor(async () => expect(await purchasesOf(alice)).toEqual([{ product_id: productId }]), {
      timeout: 5_000,
      interval: 50,
    });
    const queue = (await product.admin('GET', '/api/v1/reviews?status=pending')).body.items;
    expect(queue).toEqual([expect.objectContaining({ customerId: alice, verifiedPurchase: true })]);

    await broker.publish(event); // redelivered: the inbox makes it a no-op
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a (wrong) second handling
    const handled = (await product.admin('GET', '/metrics')).text.match(
      /events_consumed_total\{consumer="product",type="order.completed",outcome="handled"[^}]*\} (\d+)/,
    );
    expect(handled?.[1]).toBe('1');
    const inbox = await product.sql('select status from product.inbox where event_id = $1', [event.id]);
    expect(inbox).toEqual([{ status: 'done' }]);

    // A customer who bought first writes a review that is verified from the start.
    await broker.publish(completed(bob));
    await vi.waitFor(async () => expect(await purchasesOf(bob)).toHaveLength(1), {
      timeout: 5_000,
      interval: 50,
    });
    const bobs = await asBob('POST', `/api/v1/products/${productId}/reviews`, {
      rating: 2,
      title: 'Meh',
      body: 'Tight.',
    });
    expect(bobs.body).toMatchObject({ verifiedPurchase: true, authorName: 'Customer' });
  });

  it('lists only approved reviews publicly; moderation keeps the rating average and histogram', async () => {
    expect((await product.anonymous('GET', `/api/v1/products/${productId}/reviews`)).body.items).toEqual([]);
    const queue = (await product.admin('GET', '/api/v1/reviews')).body.items as Array<{
      id: string;
      customerId: string;
    }>;
    const aliceReview = queue.find((r) => r.customerId === alice)!;
    const bobReview = queue.find((r) => r.customerId === bob)!;

    const customerTries = await asBob('POST', `/api/v1/reviews/${bobReview.id}/moderate`, {
      status: 'approved',
    });
    expect(customerTries.status).toBe(403);
    const approved = await product.admin('POST', `/api/v1/reviews/${aliceReview.id}/moderate`, {
      status: 'approved',
    });
    expect(approved.body.status).toBe('approved');
    await product.admin('POST', `/api/v1/reviews/${bobReview.id}/moderate`, { status: 'approved' });

    const rated = (await product.anonymous('GET', `/api/v1/products/${productId}`)).body;
    expect(rated.rating).toEqual({
      count: 2,
      average: 3,
      histogram: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 0 },
    });
    const listed = await product.anonymous('GET', `/api/v1/products/${productId}/reviews?limit=1`);
    expect(listed.headers.get('content-type')).toMatch(/^application\/json/);
    expect(listed.body.items.map((r: { rating: number }) => r.rating)).toEqual([2]);
    const next = await product.anonymous(
      'GET',
      `/api/v1/products/${productId}/reviews?limit=1&cursor=${listed.body.nextCursor}`,
    );
    expect(next.body.items[0]).toMatchObject({ title: markup, verifiedPurchase: true });

    await product.admin('POST', `/api/v1/reviews/${bobReview.id}/moderate`, { status: 'rejected' });
    expect((await product.anonymous('GET', `/api/v1/products/${productId}`)).body.rating).toEqual({
      count: 1,
      average: 4,
      histogram: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 },
    });
    const [event] = await product.sql<{ data: { rating: unknown } }>(
      `select envelope->'data' as data from product.outbox where aggregate_id = $1 order by sequence desc limit 1`,
      [productId],
    );
    expect(event!.data.rating).toMatchObject({ count: 1, average: 4 });
    const unknown = await product.admin('POST', `/api/v1/reviews/${randomUUID()}/moderate`, {
      status: 'approved',
    });
    expect(unknown.body.code).toBe('REVIEW_NOT_FOUND');
  });
});
