import { behaviourTracked } from '@emporium/contracts/events/behaviour-events';
import { cartItemAdded } from '@emporium/contracts/events/cart-events';
import { inventoryLowStock, inventoryReserved } from '@emporium/contracts/events/inventory-events';
import { searchPerformed, searchResultClicked } from '@emporium/contracts/events/search-events';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { created, envelope, inboxOf, paid, produce, type TestOrder } from './support/shop-events.js';
import { type AnalyticsUnderTest, startAnalytics } from './support/start-analytics.js';

let analytics: AnalyticsUnderTest;
let inbox: ReturnType<typeof inboxOf>;
let admin: ReturnType<typeof httpClient>;

const day = '2025-04-01';
const at = (time: string) => `${day}T${time}Z`;

const view = (who: { userId: string | null; sessionId: string }, productId: string, time: string) =>
  envelope(behaviourTracked, who.userId ?? who.sessionId, {
    ...who,
    action: 'view',
    productId,
    sku: null,
    query: null,
    occurredAt: at(time),
  });

const addToCart = (customerId: string | null, sessionId: string | null, time: string) =>
  envelope(cartItemAdded, `cart-${customerId ?? sessionId}`, {
    cartId: `cart-${customerId ?? sessionId}`,
    customerId,
    sessionId,
    sku: 'MUG',
    productId: 'p-mug',
    quantity: 1,
    unitPriceMinor: 500,
    currency: 'USD',
    addedAt: at(time),
  });

const order = (orderId: string, customerId: string): TestOrder => ({
  orderId,
  customerId,
  email: `${customerId}@example.com`,
  currency: 'USD',
  placedAt: at('12:00:00'),
  lines: [{ sku: 'MUG', productId: 'p-mug', title: 'Mug', quantity: 1, unitPriceMinor: 500 }],
});

const search = (searchId: string, query: string, resultCount: number, time: string) =>
  envelope(searchPerformed, searchId, {
    searchId,
    query,
    resultCount,
    userId: null,
    sessionId: 's-1',
    performedAt: at(time),
  });

const click = (searchId: string, productId: string, time: string) =>
  envelope(searchResultClicked, searchId, { searchId, productId, position: 1, clickedAt: at(time) });

beforeAll(async () => {
  analytics = await startAnalytics();
  inbox = inboxOf(analytics.database!.url);
  admin = httpClient(analytics.url, await analytics.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
  const u1 = order('f-1', 'u-1');
  const u2 = order('f-2', 'u-2');
  const reserved = envelope(inventoryReserved, u1.orderId, {
    reservationId: 'res-1',
    orderId: u1.orderId,
    lines: [
      { sku: 'MUG', warehouseId: 'eu-1', quantity: 1 },
      { sku: 'MUG', warehouseId: 'us-1', quantity: 2 },
    ],
    expiresAt: at('12:15:00'),
  });
  const events = [
    // Four visitors view: two signed in (u-1 twice), two anonymous sessions.
    view({ userId: 'u-1', sessionId: 'x-1' }, 'p-mug', '09:00:00'),
    view({ userId: 'u-1', sessionId: 'x-1' }, 'p-cup', '09:01:00'),
    view({ userId: 'u-2', sessionId: 'x-2' }, 'p-mug', '09:02:00'),
    view({ userId: null, sessionId: 's-1' }, 'p-mug', '09:03:00'),
    view({ userId: null, sessionId: 's-2' }, 'p-mug', '09:04:00'),
    // Three add to a cart: u-1 (cart event and the recommender's report of it: one visitor), u-2, s-1.
    addToCart('u-1', 'x-1', '10:00:00'),
    envelope(behaviourTracked, 'u-1', {
      userId: 'u-1',
      sessionId: 'x-1',
      action: 'add_to_cart',
      productId: 'p-mug',
      sku: 'MUG',
      query: null,
      occurredAt: at('10:00:01'),
    }),
    addToCart('u-2', null, '10:01:00'),
    addToCart(null, 's-1', '10:02:00'),
    // Two check out, one pays.
    created(u1),
    created(u2),
    paid(u1, at('12:01:00')),
    // A view the next day is outside the range.
    envelope(behaviourTracked, 's-9', {
      userId: null,
      sessionId: 's-9',
      action: 'view',
      productId: 'p-mug',
      sku: null,
      query: null,
      occurredAt: '2025-04-02T00:00:00Z',
    }),
    // Searches: "red shoes" three times (spelt two ways), "unicorn" twice finding nothing, a browse.
    click('q-1', 'p-shoe', '11:00:05'), // a click announced before its search
    search('q-1', 'Red Shoes', 3, '11:00:00'),
    search('q-2', 'red  shoes', 3, '11:01:00'),
    click('q-2', 'p-shoe', '11:01:05'),
    click('q-2', 'p-shoe', '11:01:06'), // the same hit opened twice: one click
    click('q-2', 'p-boot', '11:01:07'),
    search('q-3', 'RED SHOES', 3, '11:02:00'),
    search('q-4', 'unicorn', 0, '11:03:00'),
    search('q-5', 'Unicorn ', 0, '11:04:00'),
    search('q-6', '', 120, '11:05:00'),
    reserved,
    envelope(inventoryLowStock, 'MUG', {
      sku: 'MUG',
      warehouseId: 'eu-1',
      available: 2,
      threshold: 3,
      detectedAt: at('12:00:01'),
    }),
  ];
  await produce(analytics.producer, events);
  await analytics.producer.publish(reserved);
  await vi.waitFor(async () => expect(await inbox.handled()).toBe(events.length), {
    timeout: 15_000,
    interval: 100,
  });
});
afterAll(async () => {
  await inbox?.close();
  await analytics?.stop();
});

describe('funnel and search analytics from events', () => {
  it('counts distinct visitors per funnel step, with conversion rates', async () => {
    const funnel = (await admin('GET', `/api/v1/analytics/funnel?from=${day}&to=2025-04-02`)).body;
    expect(funnel.steps).toEqual([
      { step: 'view', visitors: 4, conversionFromPrevious: 1, conversionFromStart: 1 },
      { step: 'cart', visitors: 3, conversionFromPrevious: 0.75, conversionFromStart: 0.75 },
      { step: 'checkout', visitors: 2, conversionFromPrevious: 0.6667, conversionFromStart: 0.5 },
      { step: 'paid', visitors: 1, conversionFromPrevious: 0.5, conversionFromStart: 0.25 },
    ]);
    const later = (await admin('GET', '/api/v1/analytics/funnel?from=2025-04-02&to=2025-04-03')).body;
    expect(later.steps.map((s: { visitors: number }) => s.visitors)).toEqual([1, 0, 0, 0]);
  });

  it('reports search terms, zero-result searches and click-through', async () => {
    const report = (await admin('GET', `/api/v1/analytics/searches?from=${day}&to=2025-04-02`)).body;
    expect(report.totals).toEqual({
      searches: 5,
      zeroResultSearches: 2,
      clickedSearches: 2,
      zeroResultRate: 0.4,
      clickThroughRate: 0.4,
    });
    expect(report.terms).toEqual([
      {
        term: 'red shoes',
        searches: 3,
        zeroResultSearches: 0,
        clickedSearches: 2,
        zeroResultRate: 0,
        clickThroughRate: 0.6667,
      },
      {
        term: 'unicorn',
        searches: 2,
        zeroResultSearches: 2,
        clickedSearches: 0,
        zeroResultRate: 1,
        clickThroughRate: 0,
      },
    ]);
    expect(report.zeroResultTerms.map((t: { term: string }) => t.term)).toEqual(['unicorn']);
  });

  it('keeps inventory events per SKU line for BI, a redelivery once', async () => {
    const rows = await inbox.rows(
      'select kind, sku, warehouse_id, order_id, quantity, available from analytics_bi.stock_events order by kind, warehouse_id',
    );
    expect(rows).toEqual([
      { kind: 'low_stock', sku: 'MUG', warehouse_id: 'eu-1', order_id: null, quantity: null, available: 2 },
      { kind: 'reserved', sku: 'MUG', warehouse_id: 'eu-1', order_id: 'f-1', quantity: 1, available: null },
      { kind: 'reserved', sku: 'MUG', warehouse_id: 'us-1', order_id: 'f-1', quantity: 2, available: null },
    ]);
  });
});
