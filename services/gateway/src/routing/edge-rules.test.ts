import { describe, expect, it } from 'vitest';
import { edgeAccessOf, edgeRuleFor } from './edge-rules.js';
import { routeTable } from './route-table.js';

describe('edge rules', () => {
  it('name every area the gateway routes, for reads or writes', () => {
    for (const { prefix } of routeTable) {
      const named = edgeRuleFor('GET', prefix) ?? edgeRuleFor('POST', prefix);
      expect(named, prefix).toBeDefined();
    }
  });

  it.each([
    ['POST', '/api/v1/auth/login', 'public'],
    ['GET', '/.well-known/jwks.json', 'public'],
    ['GET', '/api/v1/users/me', 'authenticated'],
    ['PATCH', '/api/v1/users/me', 'authenticated'],
    ['GET', '/api/v1/users', 'users:read:any'],
    ['GET', '/api/v1/users/u-2', 'users:read:any'],
    ['PUT', '/api/v1/users/u-2/roles', 'users:write:any'],
    ['GET', '/api/v1/roles', 'users:read:any'],
    ['POST', '/api/v1/roles', 'roles:write'],
    ['POST', '/api/v1/api-keys', 'api-keys:write'],
    ['GET', '/api/v1/products/shoe-1', 'public'],
    ['HEAD', '/api/v1/products', 'public'],
    ['POST', '/api/v1/products', 'products:write'],
    ['DELETE', '/api/v1/products/p-1', 'products:write'],
    ['POST', '/api/v1/products/p-1/images', 'products:write'],
    ['POST', '/api/v1/products/p-1/reviews', 'authenticated'],
    ['GET', '/api/v1/products/p-1/reviews', 'public'],
    ['POST', '/api/v1/categories', 'categories:write'],
    ['POST', '/api/v1/products/import', 'products:write'],
    ['GET', '/api/v1/products/export', 'products:write'],
    ['GET', '/api/v1/reviews', 'reviews:moderate'],
    ['POST', '/api/v1/reviews/r-1/moderate', 'reviews:moderate'],
    ['GET', '/api/v1/search/suggest', 'public'],
    ['POST', '/api/v1/search/clicks', 'public'],
    ['GET', '/api/v1/search/analytics', 'search:analytics'],
    ['GET', '/api/v1/search/synonyms', 'search:manage'],
    ['PUT', '/api/v1/search/synonyms', 'search:manage'],
    ['POST', '/api/v1/search/reindex', 'search:manage'],
    ['GET', '/api/v1/search/reindex', 'search:manage'],
    ['GET', '/api/v1/search', 'public'],
    ['GET', '/api/v1/inventory/SKU-1', 'public'],
    ['PUT', '/api/v1/inventory/SKU-1/warehouses/eu', 'inventory:write'],
    ['POST', '/api/v1/inventory/reservations', 'inventory:reserve'],
    ['GET', '/api/v1/inventory/reservations/o-1', 'inventory:reserve'],
    ['POST', '/api/v1/inventory/reservations/o-1/commit', 'inventory:reserve'],
    ['POST', '/api/v1/inventory/reservations/o-1/release', 'inventory:reserve'],
    ['GET', '/api/v1/inventory/reservationsX', 'public'],
    ['GET', '/api/v1/inventory/low-stock', 'inventory:read'],
    ['GET', '/api/v1/inventory/SKU-1/movements', 'inventory:read'],
    ['POST', '/api/v1/inventory/reservationsX/warehouses/eu', 'inventory:write'],
    ['GET', '/api/v1/warehouses', 'inventory:read'],
    ['POST', '/api/v1/warehouses', 'inventory:write'],
    ['POST', '/api/v1/carts/c-1/items', 'public'],
    ['GET', '/api/v1/orders', 'authenticated'],
    ['GET', '/api/v1/orders/', 'authenticated'],
    ['POST', '/api/v1/orders', 'identified'],
    ['GET', '/api/v1/orders/o-1', 'identified'],
    ['POST', '/api/v1/orders/o-1/cancel', 'identified'],
    ['POST', '/api/v1/orders/o-1/status', 'orders:write:any'],
    ['GET', '/api/v1/payments', 'authenticated'],
    ['POST', '/api/v1/payments', 'identified'],
    ['GET', '/api/v1/payments/p-1', 'identified'],
    ['POST', '/api/v1/payments/webhooks/sandbox', 'public'],
    ['GET', '/api/v1/payments/webhooks', 'identified'],
    ['POST', '/api/v1/payments/p-1/refunds', 'payments:refund'],
    ['GET', '/api/v1/recommendations/me', 'authenticated'],
    ['GET', '/api/v1/recommendations/products/p-1/similar', 'public'],
    ['POST', '/api/v1/events', 'public'],
    ['GET', '/api/v1/notifications/outbox', 'notifications:read:any'],
    ['PUT', '/api/v1/notifications/preferences', 'authenticated'],
    ['GET', '/api/v1/notifications/mailbox', 'notifications:read:any'],
    ['POST', '/api/v1/notifications/deliveries/42/retry', 'notifications:manage'],
    ['GET', '/api/v1/notifications/push/vapid-public-key', 'public'],
    ['GET', '/api/v1/ws', 'authenticated'],
    ['GET', '/api/v1/analytics/export', 'analytics:read'],
    ['GET', '/api/v1/registry/services', 'registry:read'],
    ['POST', '/api/v1/registry/instances', 'internal'],
    ['PUT', '/api/v1/config/gateway/production', 'config:write'],
  ])('%s %s needs %s', (method, path, access) => {
    expect(edgeAccessOf(method, path)).toBe(access);
  });

  it('needs a signed-in caller where no rule speaks', () => {
    expect(edgeRuleFor('GET', '/api/v1/events')).toBeUndefined();
    expect(edgeAccessOf('GET', '/api/v1/events')).toBe('authenticated');
  });
});
