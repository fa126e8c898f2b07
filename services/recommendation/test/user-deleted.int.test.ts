import { createEnvelope } from '@emporium/contracts/events/envelope';
import { userDeleted } from '@emporium/contracts/events/user-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, orderOf, product } from './support/fixtures.js';
import {
  type RecommendationWithFeed,
  startRecommendationWithFeed,
} from './support/recommendation-with-feed.js';

let bed: RecommendationWithFeed;

beforeAll(async () => {
  bed = await startRecommendationWithFeed();
});
afterAll(async () => {
  await bed?.stop();
});

const behaviourOf = async (userId: string) =>
  Number(
    (await bed.sql.query('select count(*) from recommendation.behaviour_events where user_id = $1', [userId]))
      .rows[0].count,
  );

describe('user.deleted', () => {
  it("erases the user's behaviour and nobody else's", async () => {
    const leaving = customer(71);
    const staying = customer(72);
    const orders = [
      orderOf(leaving, [product(71), product(72)]),
      orderOf(staying, [product(71), product(73)]),
    ];
    await bed.publish(...orders);
    for (const order of orders) await bed.handled(order);
    expect(await behaviourOf(leaving)).toBe(2);

    const deleted = createEnvelope(userDeleted, {
      subject: leaving,
      data: { userId: leaving, deletedAt: new Date().toISOString() },
    });
    await bed.publish(deleted);
    await bed.handled(deleted);
    expect(await behaviourOf(leaving)).toBe(0);
    expect(await behaviourOf(staying)).toBe(2);
  });
});
