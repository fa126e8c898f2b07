import { createDatabase } from '@emporium/platform/db/database';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ordersInRange } from '../src/db/orders-export.query.js';
import * as schema from '../src/db/schema.js';
import { csvRecords } from './support/parse-csv.js';
import { created, inboxOf, paid, produce, refunded, type TestOrder, totalOf } from './support/shop-events.js';
import { type AnalyticsUnderTest, startAnalytics } from './support/start-analytics.js';

let analytics: AnalyticsUnderTest;
let inbox: ReturnType<typeof inboxOf>;
let admin: ReturnType<typeof httpClient>;

const line = (productId: string, title: string, quantity: number, unitPriceMinor: number) => ({
  sku: `${productId}-sku`,
  productId,
  title,
  quantity,
  unitPriceMinor,
});
const orders: TestOrder[] = Array.from({ length: 12 }, (_, i) => ({
  orderId: `x-${String(i).padStart(2, '0')}`,
  customerId: i % 3 === 0 ? null : `u-${i % 4}`,
  email: `buyer${i % 5}@example.com`,
  currency: i % 4 === 3 ? 'EUR' : 'USD',
  placedAt: `2025-05-0${1 + (i % 3)}T0${i % 10}:00:00Z`,
  lines: [
    line('p-a', '=SUM(A1:A9)', 1 + (i % 2), 1_250),
    ...(i % 2 === 0 ? [line('p-b', 'Tea, "green"\nloose', 2, 333)] : []),
  ],
  shippingMinor: i % 2 === 0 ? 499 : 0,
}));

beforeAll(async () => {
  analytics = await startAnalytics();
  inbox = inboxOf(analytics.database!.url);
  admin = httpClient(analytics.url, await analytics.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
  const events = [
    ...orders.flatMap((o, i) => [created(o), ...(i === 5 ? [] : [paid(o, o.placedAt)])]),
    refunded(orders[0]!, 'x-refund', 700, '2025-05-02T12:00:00Z'),
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

const range = 'from=2025-05-01&to=2025-05-04';

describe('CSV exports for BI tools', () => {
  it('exports sales that parse back to the report and to the orders placed', async () => {
    const response = await admin('GET', `/api/v1/analytics/export?report=sales&${range}&currency=USD`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="sales-day-USD-2025-05-01-2025-05-04.csv"',
    );
    const rows = csvRecords(response.text);
    const report = (await admin('GET', `/api/v1/analytics/sales?${range}&currency=USD`)).body;
    expect(rows).toEqual(
      report.series.map((p: Record<string, number | string>) => ({
        period: p.period,
        currency: 'USD',
        orders: String(p.orders),
        revenue_minor: String(p.revenueMinor),
        refunds_minor: String(p.refundsMinor),
        net_revenue_minor: String(p.netRevenueMinor),
        average_order_value_minor: String(p.averageOrderValueMinor),
        units: String(p.units),
      })),
    );
    const paidUsd = orders.filter((o, i) => o.currency === 'USD' && i !== 5);
    const sum = (key: string) => rows.reduce((total, row) => total + Number(row[key]), 0);
    expect(sum('orders')).toBe(paidUsd.length);
    expect(sum('revenue_minor')).toBe(paidUsd.reduce((total, o) => total + totalOf(o), 0));
    expect(sum('net_revenue_minor')).toBe(sum('revenue_minor') - 700);
  });

  it('streams every order, cells with commas, quotes, line breaks and formulas intact', async () => {
    const response = await admin('GET', `/api/v1/analytics/export?report=orders&${range}`);
    const rows = csvRecords(response.text);
    expect(rows.map((r) => r.order_id).sort()).toEqual(orders.map((o) => o.orderId).sort());
    for (const order of orders) {
      const row = rows.find((r) => r.order_id === order.orderId)!;
      expect(row).toMatchObject({
        currency: order.currency,
        total_minor: String(totalOf(order)),
        paid: order.orderId === 'x-05' ? '0' : '1',
        refunded_minor: order.orderId === 'x-00' ? '700' : '0',
      });
    }
    const top = csvRecords(
      (await admin('GET', `/api/v1/analytics/export?report=top-products&${range}&currency=USD`)).text,
    );
    expect(top.map((r) => r.title)).toEqual(["'=SUM(A1:A9)", 'Tea, "green"\nloose']);
  });

  it('reads the orders export in keyset pages, none skipped or repeated', async () => {
    const database = createDatabase(
      { url: analytics.database!.url, poolMax: 1, applicationName: 'test' },
      schema,
    );
    try {
      const ids: string[] = [];
      const bounds = { from: new Date('2025-05-01T00:00:00Z'), to: new Date('2025-05-04T00:00:00Z') };
      for await (const row of ordersInRange(database.db, bounds, 5)) ids.push(row.order_id);
      const expected = [...orders].sort(
        (a, b) => a.placedAt.localeCompare(b.placedAt) || a.orderId.localeCompare(b.orderId),
      );
      expect(ids).toEqual(expected.map((o) => o.orderId));
    } finally {
      await database.close();
    }
  });

  it('exports the other reports and refuses unknown ones', async () => {
    for (const report of ['categories', 'refunds', 'customers', 'cohorts', 'funnel', 'searches']) {
      const response = await admin('GET', `/api/v1/analytics/export?report=${report}&${range}`);
      expect(response.status, report).toBe(200);
      expect(csvRecords(response.text).length, report).toBeGreaterThanOrEqual(0);
    }
    const funnel = csvRecords((await admin('GET', `/api/v1/analytics/export?report=funnel&${range}`)).text);
    expect(funnel.map((r) => [r.step, r.visitors])).toEqual([
      ['view', '0'],
      ['cart', '0'],
      ['checkout', String(new Set(orders.map((o) => o.customerId ?? o.email)).size)],
      ['paid', String(new Set(orders.filter((_, i) => i !== 5).map((o) => o.customerId ?? o.email)).size)],
    ]);
    expect((await admin('GET', `/api/v1/analytics/export?report=sales&format=xlsx`)).status).toBe(400);
    expect((await admin('GET', `/api/v1/analytics/export?report=everything`)).status).toBe(400);
  });

  it('needs analytics:read', async () => {
    const customer = httpClient(
      analytics.url,
      await analytics.identity.bearer({ sub: 'u-1', roles: ['customer'] }),
    );
    const response = await customer('GET', `/api/v1/analytics/export?report=orders&${range}`);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });
});
