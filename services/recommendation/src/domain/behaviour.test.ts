import { describe, expect, it } from 'vitest';
import { behaviourEventOf, problemOf } from './behaviour.js';

const product = '0190a0a0-0000-7000-8000-000000000001';

describe('behaviour events', () => {
  it('needs a product for views, carts and purchases, and a query for searches', () => {
    expect(problemOf({ kind: 'view', sessionId: 's' })).toBe('a view needs a productId');
    expect(problemOf({ kind: 'purchase', sessionId: 's' })).toBe('a purchase needs a productId');
    expect(problemOf({ kind: 'search', sessionId: 's' })).toBe('a search needs a query');
    expect(problemOf({ kind: 'search', query: '   ', sessionId: 's' })).toBe('a search needs a query');
    expect(problemOf({ kind: 'search', query: 'boots', productId: product, sessionId: 's' })).toMatch(
      /no productId/,
    );
    expect(problemOf({ kind: 'add_to_cart', productId: product, query: 'x', sessionId: 's' })).toMatch(
      /no query/,
    );
    expect(problemOf({ kind: 'add_to_cart', productId: product, sessionId: 's' })).toBeUndefined();
    expect(problemOf({ kind: 'search', query: 'boots', sessionId: 's' })).toBeUndefined();
  });

  it('clamps a time in the future to now and keeps a past one', () => {
    const now = new Date('2025-06-01T12:00:00Z');
    const ahead = behaviourEventOf(
      { kind: 'view', productId: product, sessionId: 's', occurredAt: '2025-06-02T00:00:00Z' },
      now,
    );
    expect(ahead.occurredAt).toEqual(now);
    const past = behaviourEventOf(
      { kind: 'search', query: ' boots ', sessionId: 's', occurredAt: '2025-05-01T00:00:00Z' },
      now,
    );
    expect(past).toMatchObject({ query: 'boots', productId: null, userId: null });
    expect(past.occurredAt.toISOString()).toBe('2025-05-01T00:00:00.000Z');
  });
});
