import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { created, inboxOf, markedPaid, produce, type TestOrder } from './support/shop-events.js';
import { type AnalyticsUnderTest, startAnalytics } from './support/start-analytics.js';

let analytics: AnalyticsUnderTest;
let inbox: ReturnType<typeof inboxOf>;
let admin: ReturnType<typeof httpClient>;

let sequence = 0;
const order = (customerId: string, placedAt: string): TestOrder => ({
  orderId: `c-order-${++sequence}`,
  customerId,
  email: `${customerId}@example.com`,
  currency: 'USD',
  placedAt,
  lines: [{ sku: 'MUG', productId: 'p-mug', title: 'Mug', quantity: 1, unitPriceMinor: 500 }],
});

/**
 * January cohort: c1..c4; c1 and c2 come back in February, c2 and c3 in
 * March, c4 never. February cohort: c5, c6; c5 comes back in March. c7
 * only ever had an unpaid order.
 */
const paidOrders = [
  order('c1', '2025-01-05T10:00:00Z'),
  order('c2', '2025-01-06T10:00:00Z'),
  order('c3', '2025-01-20T10:00:00Z'),
  order('c4', '2025-01-31T23:00:00Z'),
  order('c1', '2025-02-02T10:00:00Z'),
  order('c2', '2025-02-03T10:00:00Z'),
  order('c2', '2025-02-10T10:00:00Z'),
  order('c5', '2025-02-11T10:00:00Z'),
  order('c6', '2025-02-28T10:00:00Z'),
  order('c2', '2025-03-01T10:00:00Z'),
  order('c3', '2025-03-02T10:00:00Z'),
  order('c5', '2025-03-03T10:00:00Z'),
];
const unpaid = order('c7', '2025-01-10T10:00:00Z');

beforeAll(async () => {
  analytics = await startAnalytics();
  inbox = inboxOf(analytics.database!.url);
  admin = httpClient(analytics.url, await analytics.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
  const events = [
    ...paidOrders.flatMap((o) => [created(o), markedPaid(o, o.placedAt.replace('T10', 'T11'))]),
    created(unpaid),
  ];
  await produce(analytics.producer, events);
  await vi.waitFor(async () => expect(await inbox.handled()).toBe(events.length), {
    timeout: 15_000,
    interval: 100,
  });
});
afterAll(async () => {
  await inbox?.close();
  await analytics?.stop();
});

describe('customers from events', () => {
  it('splits customers into new and returning per month', async () => {
    const report = (
      await admin('GET', '/api/v1/analytics/customers?from=2025-01-01&to=2025-04-01&interval=month')
    ).body;
    expect(report.series).toEqual([
      { period: '2025-01-01', customers: 4, newCustomers: 4, returningCustomers: 0 },
      { period: '2025-02-01', customers: 4, newCustomers: 2, returningCustomers: 2 },
      { period: '2025-03-01', customers: 3, newCustomers: 0, returningCustomers: 3 },
    ]);
  });

  it('computes monthly cohort retention', async () => {
    const report = (
      await admin('GET', '/api/v1/analytics/customers?from=2025-01-01&to=2025-04-01&interval=month')
    ).body;
    expect(report.cohorts).toEqual([
      {
        cohort: '2025-01',
        customers: 4,
        months: [
          { offset: 0, customers: 4, rate: 1 },
          { offset: 1, customers: 2, rate: 0.5 },
          { offset: 2, customers: 2, rate: 0.5 },
        ],
      },
      {
        cohort: '2025-02',
        customers: 2,
        months: [
          { offset: 0, customers: 2, rate: 1 },
          { offset: 1, customers: 1, rate: 0.5 },
        ],
      },
    ]);
  });

  it('counts a customer as new only in the period of their first paid order ever', async () => {
    const march = (
      await admin('GET', '/api/v1/analytics/customers?from=2025-03-01&to=2025-04-01&interval=month')
    ).body;
    expect(march.series).toEqual([
      { period: '2025-03-01', customers: 3, newCustomers: 0, returningCustomers: 3 },
    ]);
    // Cohorts are those whose first order falls in the range: none started in March.
    expect(march.cohorts).toEqual([]);
  });
});
