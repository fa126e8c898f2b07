import { describe, expect, it } from 'vitest';
import { ownerOf, routeTable, upstreamServices } from './route-table.js';

describe('route table', () => {
  it('routes to exactly the eleven upstream services', () => {
    expect(new Set(routeTable.map((entry) => entry.service))).toEqual(new Set(upstreamServices));
    expect(upstreamServices).toHaveLength(11);
  });

  it('matches an area and its subtree, not a longer name', () => {
    expect(ownerOf('/api/v1/products')).toBe('product');
    expect(ownerOf('/api/v1/products/{idOrSlug}/reviews')).toBe('product');
    expect(ownerOf('/api/v1/productsX')).toBeUndefined();
    expect(ownerOf('/.well-known/jwks.json')).toBe('user');
    expect(ownerOf('/.well-known/jwks.json/x')).toBeUndefined();
    expect(ownerOf('/health/ready')).toBeUndefined();
  });
});
