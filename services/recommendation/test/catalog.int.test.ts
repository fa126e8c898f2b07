import { createEnvelope } from '@emporium/contracts/events/envelope';
import { productDeleted } from '@emporium/contracts/events/product-events';
import { httpClient } from '@emporium/platform/testing/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product, productOf, stockOf, until } from './support/fixtures.js';
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
const similarTo = async (n: number) =>
  (await send('GET', `/api/v1/recommendations/products/${product(n)}/similar`)).body;

const linenDress = productOf(product(11), {
  title: 'Linen Midi Dress',
  description: 'A breezy linen dress with a tie waist for summer days.',
  category: 'apparel-dresses',
  tags: ['linen', 'summer', 'midi'],
});
const linenMaxi = productOf(product(12), {
  title: 'Linen Maxi Dress',
  description: 'Floor-length linen dress, relaxed fit, for warm evenings.',
  category: 'apparel-dresses',
  tags: ['linen', 'summer', 'maxi'],
});
const silkDress = productOf(product(13), {
  title: 'Silk Slip Dress',
  description: 'A bias-cut silk dress for evenings out.',
  category: 'apparel-dresses',
  tags: ['silk', 'evening'],
});
const linenShirt = productOf(product(14), {
  title: 'Linen Button Shirt',
  description: 'A relaxed linen shirt for summer.',
  category: 'apparel-tops',
  tags: ['linen', 'summer'],
});
const goldRing = productOf(product(15), {
  title: 'Gold Signet Ring',
  description: 'Polished 18k gold signet ring.',
  category: 'jewelry-rings',
  tags: ['gold'],
});

describe('similar products by content, filtered by stock and catalog status', () => {
  it('finds content neighbours of new products within seconds of their events', async () => {
    const started = performance.now();
    await bed.publish(linenDress, linenMaxi, silkDress, linenShirt, goldRing);
    const { value } = await until(
      () => similarTo(11),
      (body) => body.basedOn === 'neighbours' && body.items.length === 3,
    );
    console.info(
      `content neighbours served ${Math.round(performance.now() - started)} ms after the products`,
    );
    // The other linen dress first; the ring shares nothing.
    expect(ids(value)[0]).toBe(product(12));
    expect(ids(value)).toEqual(expect.arrayContaining([product(13), product(14)]));
    expect(ids(value)).not.toContain(product(15));
    expect(ids(await similarTo(15))).toEqual([]);
  });

  it('leaves out a product that is out of stock, and takes it back when restocked', async () => {
    const out = stockOf(product(12), 0);
    await bed.publish(out);
    await bed.handled(out);
    expect(ids(await similarTo(11))).not.toContain(product(12));
    const back = stockOf(product(12), 4);
    await bed.publish(back);
    await bed.handled(back);
    expect(ids(await similarTo(11))[0]).toBe(product(12));
  });

  it('never recommends a deleted product', async () => {
    const gone = createEnvelope(productDeleted, {
      subject: product(13),
      data: { id: product(13), slug: 'silk-slip-dress', skus: ['x'], deletedAt: new Date().toISOString() },
    });
    await bed.publish(gone);
    await bed.handled(gone);
    expect(ids(await similarTo(11))).not.toContain(product(13));
  });

  it('recommends an anonymous session what is like what it viewed, cold sessions get popularity', async () => {
    const forSession = async (sessionId: string) =>
      (await send('GET', `/api/v1/recommendations/for-you?sessionId=${sessionId}&limit=5`)).body;
    const tracked = await send('POST', '/api/v1/events', {
      events: [
        { kind: 'view', productId: product(14), sessionId: 'browsing' },
        { kind: 'view', productId: product(14), sessionId: 'browsing' },
      ],
    });
    expect(tracked.status).toBe(202);
    const warm = await forSession('browsing');
    expect(warm.basedOn).toBe('history');
    // Linen, summer: the two linen dresses by content; never the viewed shirt itself.
    expect(ids(warm).slice(0, 2).sort()).toEqual([product(11), product(12)]);
    expect(ids(warm)).not.toContain(product(14));

    // Popularity is cached for up to 5 s (empty when the ring's similar list fell back on it).
    const cold = (
      await until(
        () => forSession('never-seen'),
        (body) => body.items.length > 0,
      )
    ).value;
    expect(cold.basedOn).toBe('popularity');
    expect(ids(cold)).toEqual([product(14)]);
    expect((await send('GET', '/api/v1/recommendations/for-you?limit=0')).status).toBe(400);
  });
});
