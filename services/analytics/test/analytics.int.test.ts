import { createDatabase, type Database } from '@emporium/platform/db/database';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrderFact, type OrderLineFact, recordOrder } from '../src/db/order-facts.repo.js';
import * as schema from '../src/db/schema.js';
import { analyticsService } from '../src/service.js';

let service: TestService;
let database: Database<typeof schema>;
let send: ReturnType<typeof httpClient>;

const id = (n: number) => `0190a0a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const shirt = id(901);
const boots = id(902);
const mug = id(903);

function order(
  n: number,
  placedAt: string,
  totalMinor: number,
  lines: OrderLineFact[],
  extra: Partial<OrderFact> = {},
) {
  const fact: OrderFact = {
    orderId: id(n),
    customerId: id(100 + n),
    placedAt: new Date(placedAt),
    status: 'paid',
    currency: 'USD',
    totalMinor,
    itemsCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    firstOrder: true,
    ...extra,
  };
  return recordOrder(database.db, fact, lines);
}

const line = (
  sku: string,
  productId: string,
  quantity: number,
  revenueMinor: number,
  categorySlug: string | null = 'apparel',
) => ({ sku, productId, quantity, revenueMinor, categorySlug }) satisfies OrderLineFact;

beforeAll(async () => {
  service = await startTestService(analyticsService);
  database = createDatabase({ url: service.database!.url, poolMax: 1, applicationName: 'test' }, schema);
  send = httpClient(service.url);

  await order(1, '2025-01-01T09:00:00Z', 1_000, [line('SHIRT-M', shirt, 1, 1_000)]);
  await order(2, '2025-01-01T23:59:59.999Z', 2_500, [
    line('SHIRT-L', shirt, 2, 2_000),
    line('MUG', mug, 1, 500, 'home, "kitchen"'),
  ]);
  await order(3, '2025-01-03T12:00:00Z', 4_000, [line('BOOTS-42', boots, 2, 4_000, '=cmd|calc')]);
  // Evening of Jan 3 in New York is Jan 4 in UTC, where reports bucket.
  await order(4, '2025-01-03T23:30:00-05:00', 999, [line('MUG', mug, 1, 999, 'home, "kitchen"')]);
  // Not sales: cancelled, awaiting payment, another currency, and one just past the range.
  await order(5, '2025-01-02T10:00:00Z', 50_000, [line('BOOTS-43', boots, 10, 50_000)], {
    status: 'cancelled',
  });
  await order(6, '2025-01-02T11:00:00Z', 7_000, [line('BOOTS-44', boots, 1, 7_000)], {
    status: 'pending_payment',
  });
  await order(7, '2025-01-02T12:00:00Z', 3_000, [line('SHIRT-S', shirt, 1, 3_000)], { currency: 'EUR' });
  await order(8, '2025-01-05T00:00:00Z', 1_234, [line('SHIRT-S', shirt, 1, 1_234)]);
  // A duplicated event counts once.
  await order(1, '2025-01-01T09:00:00Z', 1_000, [line('SHIRT-M', shirt, 1, 1_000)]);
});
afterAll(async () => {
  await database?.close();
  await service?.stop();
});

describe(`analytics service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database', async () => {
    const response = await send('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toContain('database');
  });

  it('sums sales per UTC day with empty days as zeros', async () => {
    const report = (await send('GET', '/api/v1/analytics/sales?from=2025-01-01&to=2025-01-05&interval=day'))
      .body;
    expect(report).toMatchObject({
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-01-05T00:00:00.000Z',
      interval: 'day',
      currency: 'USD',
    });
    expect(report.series).toEqual([
      { period: '2025-01-01', orders: 2, revenueMinor: 3_500, averageOrderValueMinor: 1_750, units: 4 },
      { period: '2025-01-02', orders: 0, revenueMinor: 0, averageOrderValueMinor: 0, units: 0 },
      { period: '2025-01-03', orders: 1, revenueMinor: 4_000, averageOrderValueMinor: 4_000, units: 2 },
      { period: '2025-01-04', orders: 1, revenueMinor: 999, averageOrderValueMinor: 999, units: 1 },
    ]);
    expect(report.totals).toEqual({
      orders: 4,
      revenueMinor: 8_499,
      averageOrderValueMinor: 2_125,
      units: 7,
    });
  });

  it('buckets by Monday weeks and calendar months, per currency', async () => {
    const weeks = (await send('GET', '/api/v1/analytics/sales?from=2025-01-01&to=2025-01-15&interval=week'))
      .body;
    expect(weeks.series.map((p: { period: string; orders: number }) => [p.period, p.orders])).toEqual([
      // Orders 1-4 and order 8 (Sunday 5 January) share the week starting Monday 30 December.
      ['2024-12-30', 5],
      ['2025-01-06', 0],
      ['2025-01-13', 0],
    ]);
    const months = (await send('GET', '/api/v1/analytics/sales?from=2024-12-01&to=2025-03-01&interval=month'))
      .body;
    expect(
      months.series.map((p: { period: string; revenueMinor: number }) => [p.period, p.revenueMinor]),
    ).toEqual([
      ['2024-12-01', 0],
      ['2025-01-01', 8_499 + 1_234],
      ['2025-02-01', 0],
    ]);
    const euros = (
      await send(
        'GET',
        '/api/v1/analytics/sales?from=2025-01-02T00:00:00Z&to=2025-01-03T00:00:00Z&currency=EUR',
      )
    ).body;
    expect(euros.series).toEqual([
      { period: '2025-01-02', orders: 1, revenueMinor: 3_000, averageOrderValueMinor: 3_000, units: 1 },
    ]);
  });

  it('answers bad ranges with 400 problems', async () => {
    const cases: Array<[string, string]> = [
      ['from=2025-01-05&to=2025-01-05', 'RANGE_INVALID'],
      ['from=2025-01-06&to=2025-01-05', 'RANGE_INVALID'],
      ['from=2000-01-01&to=2025-01-01&interval=day', 'RANGE_TOO_LARGE'],
      ['from=yesterday', 'VALIDATION_FAILED'],
      ['from=2025-01-01T00:00:00', 'VALIDATION_FAILED'],
      ['interval=hour', 'VALIDATION_FAILED'],
      ['currency=usd', 'VALIDATION_FAILED'],
    ];
    for (const [query, code] of cases) {
      const response = await send('GET', `/api/v1/analytics/sales?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code, query).toBe(code);
    }
    const months = await send('GET', '/api/v1/analytics/sales?from=2000-01-01&to=2025-01-01&interval=month');
    expect(months.body.series).toHaveLength(300);
    const topReversed = await send('GET', '/api/v1/analytics/top-products?from=2025-02-01&to=2025-01-01');
    expect(topReversed.body.code).toBe('RANGE_INVALID');
  });

  it('ranks top products by revenue', async () => {
    const top = (await send('GET', '/api/v1/analytics/top-products?from=2025-01-01&to=2025-01-05')).body;
    expect(top.items).toEqual([
      { productId: boots, categorySlug: '=cmd|calc', units: 2, revenueMinor: 4_000, orders: 1 },
      { productId: shirt, categorySlug: 'apparel', units: 3, revenueMinor: 3_000, orders: 2 },
      { productId: mug, categorySlug: 'home, "kitchen"', units: 2, revenueMinor: 1_499, orders: 2 },
    ]);
    const first = (await send('GET', '/api/v1/analytics/top-products?from=2025-01-01&to=2025-01-05&limit=1'))
      .body;
    expect(first.items.map((p: { productId: string }) => p.productId)).toEqual([boots]);
  });

  it('exports sales as a CSV download with a header row', async () => {
    const response = await send(
      'GET',
      '/api/v1/analytics/export?report=sales&format=csv&from=2025-01-01&to=2025-01-03',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="sales-day-USD-2025-01-01-2025-01-03.csv"',
    );
    expect(response.text).toBe(
      'period,currency,orders,revenue_minor,average_order_value_minor,units\r\n' +
        '2025-01-01,USD,2,3500,1750,4\r\n' +
        '2025-01-02,USD,0,0,0,0\r\n',
    );
  });

  it('quotes and defuses text cells in the top-products export', async () => {
    const response = await send(
      'GET',
      '/api/v1/analytics/export?report=top-products&from=2025-01-01&to=2025-01-05',
    );
    expect(response.headers.get('content-disposition')).toMatch(
      /filename="top-products-USD-2025-01-01-2025-01-05\.csv"/,
    );
    expect(response.text.split('\r\n')).toEqual([
      'product_id,category_slug,currency,units,revenue_minor,orders',
      `${boots},'=cmd|calc,USD,2,4000,1`,
      `${shirt},apparel,USD,3,3000,2`,
      `${mug},"home, ""kitchen""",USD,2,1499,2`,
      '',
    ]);
    const bad = await send('GET', '/api/v1/analytics/export?report=sales&format=xlsx');
    expect(bad.status).toBe(400);
    const tooLarge = await send('GET', '/api/v1/analytics/export?report=sales&from=1900-01-01&to=2025-01-01');
    expect(tooLarge.body.code).toBe('RANGE_TOO_LARGE');
  });
});
