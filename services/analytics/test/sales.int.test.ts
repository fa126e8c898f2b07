import { orderCancelled } from '@emporium/contracts/events/order-events';
import { paymentFailed } from '@emporium/contracts/events/payment-events';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  created,
  envelope,
  inboxOf,
  markedPaid,
  paid,
  produce,
  product,
  refunded,
  type TestOrder,
  totalOf,
} from './support/shop-events.js';
import { type AnalyticsUnderTest, startAnalytics } from './support/start-analytics.js';

let analytics: AnalyticsUnderTest;
let inbox: ReturnType<typeof inboxOf>;
let admin: ReturnType<typeof httpClient>;
let produced = 0;

const shirt = { sku: 'SHIRT-M', productId: 'p-shirt', title: 'Shirt, "classic"', unitPriceMinor: 1_500 };
const mug = { sku: 'MUG', productId: 'p-mug', title: 'Mug', unitPriceMinor: 500 };
const boots = { sku: 'BOOTS-42', productId: 'p-boots', title: 'Boots', unitPriceMinor: 9_000 };

const o1: TestOrder = {
  orderId: 'o-1',
  customerId: 'u-ada',
  email: 'ada@example.com',
  currency: 'USD',
  placedAt: '2025-03-03T10:00:00Z',
  lines: [
    { ...shirt, quantity: 2 },
    { ...mug, quantity: 1 },
  ],
  shippingMinor: 500,
};
const o2: TestOrder = {
  orderId: 'o-2',
  customerId: null,
  email: 'Guest@Example.com',
  currency: 'USD',
  placedAt: '2025-03-04T09:00:00Z',
  lines: [{ ...boots, quantity: 1 }],
};
/** Its payment is announced before the order itself. */
const o3: TestOrder = {
  orderId: 'o-3',
  customerId: 'u-ada',
  email: 'ada@example.com',
  currency: 'USD',
  placedAt: '2025-03-05T23:30:00-05:00',
  lines: [{ ...mug, quantity: 3 }],
};
const o4: TestOrder = {
  orderId: 'o-4',
  customerId: 'u-bob',
  email: 'bob@example.com',
  currency: 'EUR',
  placedAt: '2025-03-04T12:00:00Z',
  lines: [{ ...shirt, quantity: 1, unitPriceMinor: 2_000 }],
};
/** Never paid: its payment failed and it was cancelled. */
const o5: TestOrder = {
  orderId: 'o-5',
  customerId: 'u-cy',
  email: 'cy@example.com',
  currency: 'USD',
  placedAt: '2025-03-05T08:00:00Z',
  lines: [{ ...boots, quantity: 5 }],
};
const paidUsd = [o1, o2, o3];
const refund = { order: o2, id: 'r-1', amountMinor: 2_500, at: '2025-03-06T10:00:00Z' };

beforeAll(async () => {
  analytics = await startAnalytics();
  inbox = inboxOf(analytics.database!.url);
  admin = httpClient(analytics.url, await analytics.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
  const o2Paid = paid(o2, '2025-03-04T09:05:00Z');
  const o2Refund = refunded(o2, refund.id, refund.amountMinor, refund.at);
  // The payment of o-3 is taken in before analytics has heard of o-3 at all (out of order).
  await produce(analytics.producer, [paid(o3, '2025-03-06T04:40:00Z')]);
  await vi.waitFor(async () => expect(await inbox.handled()).toBe(1), { timeout: 15_000, interval: 50 });
  const events = [
    product('p-shirt', 'Shirt', 'tops', '2025-02-01T00:00:00Z'),
    product('p-shirt', 'Shirt', 'apparel', '2025-02-02T00:00:00Z'),
    // An older catalog document arriving late changes nothing.
    product('p-shirt', 'Shirt', 'outdated', '2025-01-01T00:00:00Z'),
    product('p-boots', 'Boots', 'footwear', '2025-02-01T00:00:00Z'),
    created(o1),
    paid(o1, '2025-03-03T10:01:00Z'),
    markedPaid(o1, '2025-03-03T10:01:01Z'),
    // The same order announced twice under two event ids: counted once.
    created(o1),
    created(o2),
    o2Paid,
    o2Refund,
    // The same refund announced again under a new event id: subtracted once.
    refunded(o2, refund.id, refund.amountMinor, refund.at),
    created(o3),
    created(o4),
    paid(o4, '2025-03-04T12:01:00Z'),
    created(o5),
    envelope(paymentFailed, o5.orderId, {
      paymentId: 'pay-o-5',
      orderId: o5.orderId,
      customerId: o5.customerId,
      amountMinor: totalOf(o5),
      currency: 'USD',
      provider: 'sandbox',
      reasonCode: 'card_declined',
      reason: 'declined',
      failedAt: '2025-03-05T08:01:00Z',
    }),
    envelope(orderCancelled, o5.orderId, {
      orderId: o5.orderId,
      number: 'EMP-o-5',
      customerId: o5.customerId,
      email: o5.email,
      currency: 'USD',
      totalMinor: totalOf(o5),
      lines: [{ sku: boots.sku, quantity: 5 }],
      reason: 'payment_failed',
      refundRequired: false,
      cancelledAt: '2025-03-05T08:01:01Z',
    }),
  ];
  await produce(analytics.producer, events);
  produced = events.length + 1;
  // A broker redelivery: the very same envelopes again, straight to the bus.
  await analytics.producer.publish(o2Paid);
  await analytics.producer.publish(o2Refund);
  await vi.waitFor(async () => expect(await inbox.handled()).toBe(events.length + 1), {
    timeout: 15_000,
    interval: 100,
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
});
afterAll(async () => {
  await inbox?.close();
  await analytics?.stop();
});

const sales = async (query: string) => (await admin('GET', `/api/v1/analytics/sales?${query}`)).body;

describe(`sales from events, on ${process.env.AMQP_URL ? 'RabbitMQ' : 'the in-process broker'}`, () => {
  it('totals equal the orders placed, less the refund, each counted once', async () => {
    const report = await sales('from=2025-03-01&to=2025-04-01&interval=month&currency=USD');
    const gross = paidUsd.reduce((sum, o) => sum + totalOf(o), 0);
    const units = paidUsd.flatMap((o) => o.lines).reduce((sum, l) => sum + l.quantity, 0);
    expect(gross).toBe(14_500);
    expect(report.totals).toEqual({
      orders: paidUsd.length,
      revenueMinor: gross,
      refundsMinor: refund.amountMinor,
      netRevenueMinor: gross - refund.amountMinor,
      averageOrderValueMinor: Math.round(gross / paidUsd.length),
      units,
    });
    // The redelivered envelopes added no inbox row (and so no effect).
    expect(await inbox.handled()).toBe(produced);
  });

  it('buckets paid orders by UTC day and refunds by the day they were made', async () => {
    const report = await sales('from=2025-03-03&to=2025-03-08&currency=USD');
    expect(
      report.series.map((p: Record<string, unknown>) => [p.period, p.orders, p.revenueMinor, p.refundsMinor]),
    ).toEqual([
      ['2025-03-03', 1, 4_000, 0],
      ['2025-03-04', 1, 9_000, 0],
      ['2025-03-05', 0, 0, 0],
      // o-3 was placed on the evening of the 5th in New York: the 6th in UTC.
      ['2025-03-06', 1, 1_500, 2_500],
      ['2025-03-07', 0, 0, 0],
    ]);
  });

  it('keeps currencies apart', async () => {
    const euros = await sales('from=2025-03-01&to=2025-04-01&interval=month&currency=EUR');
    expect(euros.totals).toMatchObject({ orders: 1, revenueMinor: 2_000, refundsMinor: 0, units: 1 });
    const pounds = await sales('from=2025-03-01&to=2025-04-01&interval=month&currency=GBP');
    expect(pounds.totals.orders).toBe(0);
  });

  it('counts a payment that arrived before its order once, with the order', async () => {
    const top = (
      await admin('GET', '/api/v1/analytics/top-products?from=2025-03-01&to=2025-04-01&currency=USD')
    ).body;
    expect(top.items).toEqual([
      {
        productId: 'p-boots',
        title: 'Boots',
        categorySlug: 'footwear',
        units: 1,
        revenueMinor: 9_000,
        orders: 1,
      },
      {
        productId: 'p-shirt',
        title: 'Shirt, "classic"',
        categorySlug: 'apparel',
        units: 2,
        revenueMinor: 3_000,
        orders: 1,
      },
      { productId: 'p-mug', title: 'Mug', categorySlug: null, units: 4, revenueMinor: 2_000, orders: 2 },
    ]);
  });

  it('groups by category from the product projection, newest document winning', async () => {
    const categories = (
      await admin('GET', '/api/v1/analytics/categories?from=2025-03-01&to=2025-04-01&currency=USD')
    ).body;
    expect(
      categories.items.map((c: Record<string, unknown>) => [c.category, c.units, c.revenueMinor]),
    ).toEqual([
      ['footwear', 1, 9_000],
      ['apparel', 2, 3_000],
      ['uncategorised', 4, 2_000],
    ]);
  });

  it('reports refunds once, per day and reason', async () => {
    const report = (
      await admin('GET', '/api/v1/analytics/refunds?from=2025-03-06&to=2025-03-07&currency=USD')
    ).body;
    expect(report.totals).toEqual({ refunds: 1, refundedMinor: 2_500 });
    expect(report.byReason).toEqual([{ reason: 'damaged, "as reported"', refunds: 1, refundedMinor: 2_500 }]);
  });

  it('answers bad ranges with 400 problems and needs analytics:read', async () => {
    for (const [query, code] of [
      ['from=2025-01-05&to=2025-01-05', 'RANGE_INVALID'],
      ['from=2000-01-01&to=2025-01-01&interval=day', 'RANGE_TOO_LARGE'],
      ['interval=hour', 'VALIDATION_FAILED'],
      ['currency=usd', 'VALIDATION_FAILED'],
    ] as const) {
      const response = await admin('GET', `/api/v1/analytics/sales?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.code, query).toBe(code);
    }
    const customer = httpClient(
      analytics.url,
      await analytics.identity.bearer({ sub: 'u-ada', roles: ['customer'] }),
    );
    for (const path of [
      'sales',
      'top-products',
      'categories',
      'refunds',
      'customers',
      'funnel',
      'searches',
      'performance',
    ]) {
      const response = await customer('GET', `/api/v1/analytics/${path}`);
      expect(response.status, path).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect((await httpClient(analytics.url)('GET', '/api/v1/analytics/sales')).status).toBe(401);
  });
});
