import { createDatabase, type Database } from '@emporium/platform/db/database';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertNeighbours } from '../src/db/item-neighbours.repo.js';
import * as schema from '../src/db/schema.js';
import { recommendationService } from '../src/service.js';

let service: TestService;
let database: Database<typeof schema>;
let send: ReturnType<typeof httpClient>;

const product = (n: number) => `0190a0a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

beforeAll(async () => {
  service = await startTestService(recommendationService, {
    POPULARITY_HALF_LIFE_HOURS: '72',
    POPULARITY_WINDOW_DAYS: '30',
    // This suite checks exact scores and writes neighbours by hand: no answer caching, no model worker runs.
    ANSWER_CACHE_MS: '0',
    FOR_YOU_CACHE_MS: '0',
    MODEL_INCREMENTAL_INTERVAL_MS: '600000',
    MODEL_REBUILD_INTERVAL_MS: '0',
    MODEL_REBUILD_AT_START_DELAY_MS: '-1',
  });
  database = createDatabase({ url: service.database!.url, poolMax: 1, applicationName: 'test' }, schema);
  send = httpClient(service.url);
});
afterAll(async () => {
  await database?.close();
  await service?.stop();
});

describe(`recommendation service on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('is ready once migrated, checking its database', async () => {
    const response = await send('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.checks.map((c: { name: string }) => c.name)).toContain('database');
  });

  it('answers similar products with popularity while nothing is tracked or modelled', async () => {
    const response = await send('GET', `/api/v1/recommendations/products/${product(1)}/similar`);
    expect(response.body).toEqual({ items: [], basedOn: 'popularity' });
  });

  it('validates each event against its kind and stores nothing from a bad batch', async () => {
    const noProduct = await send('POST', '/api/v1/events', { kind: 'view', sessionId: 's1' });
    expect(noProduct.status).toBe(400);
    expect(noProduct.body.code).toBe('BEHAVIOUR_EVENT_INVALID');
    const noQuery = await send('POST', '/api/v1/events', { kind: 'search', sessionId: 's1' });
    expect(noQuery.body.code).toBe('BEHAVIOUR_EVENT_INVALID');
    const badKind = await send('POST', '/api/v1/events', {
      kind: 'like',
      productId: product(1),
      sessionId: 's',
    });
    expect(badKind.body.code).toBe('VALIDATION_FAILED');
    const notUuid = await send('POST', '/api/v1/events', { kind: 'view', productId: 'abc', sessionId: 's' });
    expect(notUuid.body.code).toBe('VALIDATION_FAILED');
    const extra = await send('POST', '/api/v1/events', {
      kind: 'view',
      productId: product(1),
      sessionId: 's',
      x: 1,
    });
    expect(extra.status).toBe(400);

    const mixed = await send('POST', '/api/v1/events', {
      events: [
        { kind: 'view', productId: product(9), sessionId: 's1' },
        { kind: 'purchase', sessionId: 's1' },
      ],
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([{ index: 1, message: 'a purchase needs a productId' }]);

    const tooMany = Array.from({ length: 51 }, () => ({
      kind: 'view',
      productId: product(9),
      sessionId: 's',
    }));
    expect((await send('POST', '/api/v1/events', { events: tooMany })).status).toBe(400);
    expect((await send('GET', '/api/v1/recommendations/popular')).body.items).toEqual([]);
  });

  it('accepts single events and batches of up to 50', async () => {
    const single = await send('POST', '/api/v1/events', {
      kind: 'search',
      query: 'linen shirt',
      sessionId: 's1',
    });
    expect(single.status).toBe(202);
    expect(single.body).toEqual({ accepted: 1 });
    const fifty = Array.from({ length: 50 }, () => ({
      kind: 'view',
      productId: product(50),
      sessionId: 's2',
      occurredAt: daysAgo(29),
    }));
    expect((await send('POST', '/api/v1/events', { events: fifty })).body).toEqual({ accepted: 50 });
  });

  it('ranks popularity by kind weight with older events weighing less', async () => {
    const events = [
      // Product 2: four views now (score ~4).
      ...Array.from({ length: 4 }, () => ({ kind: 'view', productId: product(2), sessionId: 'a' })),
      // Product 3: one purchase now (5) beats four views.
      { kind: 'purchase', productId: product(3), sessionId: 'b' },
      // Product 4: the same purchase and cart as product 3 plus more, but nine days (three half-lives) ago.
      { kind: 'purchase', productId: product(4), sessionId: 'c', occurredAt: daysAgo(9) },
      { kind: 'purchase', productId: product(4), sessionId: 'd', occurredAt: daysAgo(9) },
      { kind: 'add_to_cart', productId: product(4), sessionId: 'c', occurredAt: daysAgo(9) },
      // Product 5: a view outside the 30-day window is ignored.
      { kind: 'view', productId: product(5), sessionId: 'e', occurredAt: daysAgo(40) },
    ];
    expect((await send('POST', '/api/v1/events', { events })).status).toBe(202);

    const popular = (await send('GET', '/api/v1/recommendations/popular?limit=10')).body.items;
    expect(popular.map((p: { productId: string }) => p.productId)).toEqual([
      product(3),
      product(2),
      product(4),
      product(50),
    ]);
    const score = (n: number) => popular.find((p: { productId: string }) => p.productId === product(n)).score;
    expect(score(3)).toBeCloseTo(5, 2);
    expect(score(2)).toBeCloseTo(4, 2);
    expect(score(4)).toBeCloseTo(13 / 8, 2);
    expect(score(50)).toBeCloseTo(50 * 2 ** (-29 / 3), 2);

    const top = await send('GET', '/api/v1/recommendations/popular?limit=2');
    expect(top.body.items).toHaveLength(2);
    expect((await send('GET', '/api/v1/recommendations/popular?limit=500')).status).toBe(400);
  });

  it('falls back to popularity without the product itself, then serves stored neighbours blended', async () => {
    const fallback = (await send('GET', `/api/v1/recommendations/products/${product(3)}/similar?limit=3`))
      .body;
    expect(fallback.basedOn).toBe('popularity');
    expect(fallback.items.map((p: { productId: string }) => p.productId)).toEqual([
      product(2),
      product(4),
      product(50),
    ]);

    await upsertNeighbours(database.db, [
      { productId: product(3), neighbourId: product(7), kind: 'co_view', score: 0.4 },
      { productId: product(3), neighbourId: product(8), kind: 'content', score: 0.9 },
      { productId: product(3), neighbourId: product(7), kind: 'content', score: 0.2 },
      // Bought-together neighbours are not "similar".
      { productId: product(3), neighbourId: product(6), kind: 'co_purchase', score: 1 },
    ]);
    const similar = (await send('GET', `/api/v1/recommendations/products/${product(3)}/similar`)).body;
    // Co-views count fully, content at 0.6: 8 scores 0.9 * 0.6 = 0.54, 7 scores 0.4 + 0.2 * 0.6 = 0.52.
    expect(similar.basedOn).toBe('neighbours');
    expect(similar.items.map((p: { productId: string }) => p.productId)).toEqual([product(8), product(7)]);
    expect(similar.items[0].score).toBeCloseTo(0.54, 9);
    expect(similar.items[1].score).toBeCloseTo(0.52, 9);
    const together = (await send('GET', `/api/v1/recommendations/products/${product(3)}/bought-together`))
      .body;
    expect(together).toEqual({ basedOn: 'neighbours', items: [{ productId: product(6), score: 1 }] });
    expect((await send('GET', '/api/v1/recommendations/products/not-a-uuid/similar')).status).toBe(400);
  });

  it('takes the user from the token: an event naming another user is refused', async () => {
    const me = product(200);
    const token = await service.identity.bearer({ sub: me, roles: ['customer'] });
    const other = await send(
      'POST',
      '/api/v1/events',
      { kind: 'view', productId: product(1), sessionId: 'z', userId: product(201) },
      token,
    );
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('BEHAVIOUR_USER_MISMATCH');
    const anonymous = await send('POST', '/api/v1/events', {
      kind: 'view',
      productId: product(1),
      sessionId: 'z',
      userId: me,
    });
    expect(anonymous.status).toBe(403);
    const mine = await send(
      'POST',
      '/api/v1/events',
      { kind: 'view', productId: product(1), sessionId: 'z', userId: me },
      token,
    );
    expect(mine.status).toBe(202);
    const implied = await send(
      'POST',
      '/api/v1/events',
      { kind: 'view', productId: product(1), sessionId: 'z' },
      token,
    );
    expect(implied.status).toBe(202);
    const rows = await database.db.execute<{ user_id: string | null }>(
      sql`select user_id from recommendation.behaviour_events where session_id = 'z'`,
    );
    expect(rows.rows.map((r) => r.user_id)).toEqual([me, me]);
    // Each tracked event is announced to analytics through the outbox, in the same transaction.
    const announced = await database.db.execute<{ n: string }>(
      sql`select count(*) as n from recommendation.outbox where event_type = 'behaviour.tracked' and aggregate_id = ${me}`,
    );
    expect(Number(announced.rows[0]!.n)).toBe(2);
  });

  it('counts tracked events by kind in its metrics', async () => {
    const metrics = (await send('GET', '/metrics')).text;
    expect(metrics).toMatch(/recommendation_behaviour_events_total\{kind="view"[^}]*\} 57/);
    expect(metrics).toMatch(/recommendation_behaviour_events_total\{kind="search"[^}]*\} 1/);
  });
});
