import { describe, expect, it } from 'vitest';
import { hasDotSegment, pathMatcher, pathOf, routeValues } from './path-pattern.js';

describe('path patterns', () => {
  it('match the path and its subtree, one segment per parameter, never a longer name', () => {
    const reviews = pathMatcher('/api/v1/products/:id/reviews');
    expect(reviews('/api/v1/products/42/reviews')).toBe(true);
    expect(reviews('/api/v1/products/42/reviews/7')).toBe(true);
    expect(reviews('/api/v1/products/42/reviewsX')).toBe(false);
    expect(reviews('/api/v1/products/a/b/reviews')).toBe(false);
    expect(reviews('/api/v1/products//reviews')).toBe(false);
    const orders = pathMatcher('/api/v1/orders');
    expect(orders('/api/v1/orders')).toBe(true);
    expect(orders('/api/v1/orders/')).toBe(true);
    expect(orders('/api/v1/ordersX')).toBe(false);
    expect(pathMatcher('/.well-known/jwks.json')('/.well-known/jwksXjson')).toBe(false);
  });

  it('parse per-route settings, the most specific pattern first whatever the order written', () => {
    const table = routeValues('/api/v1/analytics=5000,/api/v1/analytics/export=120000');
    expect(table.lookup('/api/v1/analytics/export')).toBe(120_000);
    expect(table.lookup('/api/v1/analytics/sales')).toBe(5_000);
    expect(table.lookup('/api/v1/orders')).toBeUndefined();
    expect(routeValues(undefined).lookup('/x')).toBeUndefined();
  });

  it('strip the query, and spot dot segments, encoded or not', () => {
    expect(pathOf('/api/v1/orders?limit=5')).toBe('/api/v1/orders');
    for (const path of ['/api/v1/payments/webhooks/../1/refunds', '/a/./b', '/a/%2e%2E/b', '/a/.%2e']) {
      expect(hasDotSegment(path), path).toBe(true);
    }
    for (const path of ['/api/v1/products/v1.2', '/a/...', '/a/.hidden']) {
      expect(hasDotSegment(path), path).toBe(false);
    }
  });
});
