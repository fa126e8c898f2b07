import { cartItemAdded } from '@emporium/contracts/events/cart-events';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { orderCancelled } from '@emporium/contracts/events/order-events';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionOf, customer, orderOf, product, until } from './support/fixtures.js';
import {
  type RecommendationWithFeed,
  startRecommendationWithFeed,
} from './support/recommendation-with-feed.js';

let bed: RecommendationWithFeed;
let send: ReturnType<typeof httpClient>;

beforeAll(async () => {
  bed = await startRecommendationWithFeed();
  send = httpClient(bed.service.url);
});
afterAll(async () => {
  await bed?.stop();
});

const ids = (body: { items: Array<{ productId: string }> }) => body.items.map((p) => p.productId);
const boughtWith = async (n: number) =>
  (await send('GET', `/api/v1/recommendations/products/${product(n)}/bought-together`)).body;
const purchasesOf = async (orderId: string) =>
  Number(
    (
      await bed.sql.query(
        `select count(*) as n from recommendation.behaviour_events where session_id = $1 and kind = 'purchase'`,
        [`order:${orderId}`],
      )
    ).rows[0].n,
  );

describe(`recommendations follow purchases as they happen (${process.env.AMQP_URL ? 'RabbitMQ' : 'in-process broker'})`, () => {
  it('answers bought-together from the first co-purchases within seconds', async () => {
    // Nothing yet: popularity, which is empty too.
    expect(await boughtWith(1)).toEqual({ items: [], basedOn: 'popularity' });
    await bed.publish(
      orderOf(customer(1), [product(1), product(2)]),
      orderOf(customer(2), [product(1), product(2)]),
    );
    const { value, ms } = await until(
      () => boughtWith(1),
      (body) => body.basedOn === 'neighbours',
    );
    expect(ids(value)).toEqual([product(2)]);
    expect(value.items[0].score).toBeCloseTo(1, 6);
    expect(ids(await boughtWith(2))).toEqual([product(1)]);
    console.info(`bought-together answered ${Math.round(ms)} ms after the orders were committed`);
    expect(ms).toBeLessThan(5_000);
  });

  it('changes the next answer for a related product after new purchases (cached answers are dropped)', async () => {
    // Cached now; three customers then buy product 1 with product 3.
    expect(ids(await boughtWith(1))).toEqual([product(2)]);
    const started = performance.now();
    await bed.publish(
      orderOf(customer(3), [product(1), product(3)]),
      orderOf(customer(4), [product(1), product(3)]),
      orderOf(customer(5), [product(1), product(3)]),
    );
    const { value } = await until(
      () => boughtWith(1),
      (body) => ids(body)[0] === product(3),
    );
    const ms = performance.now() - started;
    console.info(`the answer changed ${Math.round(ms)} ms after the purchases were committed`);
    expect(ms).toBeLessThan(5_000);
    // cos(1,3) = 3 / (√5 √3) ≈ 0.775 > cos(1,2) = 2 / (√5 √2) ≈ 0.632.
    expect(ids(value)).toEqual([product(3), product(2)]);
    expect(value.items[0].score).toBeCloseTo(3 / Math.sqrt(15), 6);
    expect(value.items[1].score).toBeCloseTo(2 / Math.sqrt(10), 6);
  });

  it('rebuilds every list from scratch to the same answers the incremental updates gave', async () => {
    // Scores as stored, to 9 digits (decay is recomputed at a slightly later now).
    const answers = async () =>
      (await Promise.all([1, 2, 3].map(boughtWith))).map((body) =>
        body.items.map((p: { productId: string; score: number }) => [p.productId, p.score.toFixed(9)]),
      );
    const before = await answers();
    const neighbours = async () =>
      (
        await bed.sql.query(
          `select product_id, neighbour_id, kind, round(score::numeric, 9) as score from recommendation.item_neighbours order by 1, 2, 3`,
        )
      ).rows;
    const incremental = await neighbours();
    expect(incremental.length).toBeGreaterThan(0);
    await bed.sql.query(`update recommendation.item_neighbours set score = 0.01`);
    const report = await bed.worker.rebuild();
    expect(report.products).toBeGreaterThanOrEqual(3);
    expect(await neighbours()).toEqual(incremental);
    expect(await answers()).toEqual(before);
  });

  it('recommends a buyer what is bought with what they bought, never what they already bought', async () => {
    const buyer = customer(6);
    const token = await bed.identity.bearer({ sub: buyer, roles: ['customer'] });
    const forYou = async () => (await send('GET', '/api/v1/recommendations/for-you', undefined, token)).body;
    // Cold start: popularity (products 1, 3 and 2 by purchases; the ranking is cached for up to 5 s).
    const cold = (await until(forYou, (body) => body.items.length === 3)).value;
    expect(cold.basedOn).toBe('popularity');
    expect(ids(cold)).toEqual([product(1), product(3), product(2)]);

    await bed.publish(orderOf(buyer, [product(1)]));
    const { value } = await until(
      forYou,
      (body) => body.basedOn === 'history' && ids(body)[0] === product(3),
    );
    expect(ids(value)).toEqual([product(3), product(2)]);

    await bed.publish(orderOf(buyer, [product(3)]));
    const after = await until(forYou, (body) => !ids(body).includes(product(3)));
    expect(ids(after.value)).toEqual([product(2)]);
    // /me is the same answer.
    expect((await send('GET', '/api/v1/recommendations/me', undefined, token)).body).toEqual(after.value);
  });

  it('counts a redelivered event once, and a purchase announced on placing and on completion once', async () => {
    const order = orderOf(customer(7), [product(4), product(5)]);
    await bed.publish(order);
    await bed.handled(order);
    expect(await purchasesOf(order.data.orderId)).toBe(2);

    await bed.redeliver(order);
    const completed = completionOf(order);
    await bed.publish(completed);
    await bed.handled(completed);
    expect(await purchasesOf(order.data.orderId)).toBe(2);
    const inbox = await bed.sql.query(`select count(*) as n from recommendation.inbox where event_id = $1`, [
      order.id,
    ]);
    expect(Number(inbox.rows[0].n)).toBe(1);

    const cart = createEnvelope(cartItemAdded, {
      subject: 'cart-1',
      data: {
        cartId: '0190a0a0-0000-7000-8000-00000000c001',
        customerId: null,
        sessionId: 'sess-cart',
        sku: 'SKU-4',
        productId: product(4),
        quantity: 1,
        unitPriceMinor: 1_000,
        currency: 'USD',
        addedAt: new Date().toISOString(),
      },
    });
    await bed.publish(cart);
    await bed.handled(cart);
    await bed.redeliver(cart);
    await bed.redeliver(cart);
    // A later event on the same queue is handled after the redeliveries.
    const later = orderOf(null, [product(9)]);
    await bed.publish(later);
    await bed.handled(later);
    const carts = await bed.sql.query(
      `select count(*) as n from recommendation.behaviour_events where session_id = 'sess-cart' and kind = 'add_to_cart'`,
    );
    expect(Number(carts.rows[0].n)).toBe(1);
  });

  it('stops counting the purchases of a cancelled order', async () => {
    const orders = [
      orderOf(customer(91), [product(91), product(92)]),
      orderOf(customer(92), [product(91), product(92)]),
    ];
    await bed.publish(...orders);
    await until(
      () => boughtWith(91),
      (body) => ids(body).includes(product(92)),
    );
    for (const order of orders) {
      const cancelled = createEnvelope(orderCancelled, {
        subject: order.data.orderId,
        data: {
          orderId: order.data.orderId,
          number: order.data.number,
          customerId: order.data.customerId,
          email: order.data.email,
          currency: order.data.currency,
          totalMinor: order.data.totals.totalMinor,
          lines: order.data.lines.map(({ sku, quantity }) => ({ sku, quantity })),
          reason: 'payment_failed',
          refundRequired: false,
          cancelledAt: new Date().toISOString(),
        },
      });
      await bed.publish(cancelled);
      await bed.handled(cancelled);
      expect(await purchasesOf(order.data.orderId)).toBe(0);
    }
    await until(
      () => boughtWith(91),
      (body) => !ids(body).includes(product(92)),
    );
  });
});
