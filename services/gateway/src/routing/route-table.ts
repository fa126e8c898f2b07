/**
 * Which service owns which public path (DESIGN.md §9). A prefix matches
 * itself and everything below it (`/api/v1/products` and
 * `/api/v1/products/42`); `exact` entries match only themselves.
 * Keep this the only place that knows the mapping.
 */
export interface RouteEntry {
  prefix: string;
  service: string;
  exact?: boolean;
}

export const routeTable: readonly RouteEntry[] = [
  { prefix: '/api/v1/auth', service: 'user' },
  { prefix: '/api/v1/users', service: 'user' },
  { prefix: '/api/v1/api-keys', service: 'user' },
  { prefix: '/api/v1/roles', service: 'user' },
  { prefix: '/.well-known/jwks.json', service: 'user', exact: true },
  { prefix: '/api/v1/products', service: 'product' },
  { prefix: '/api/v1/categories', service: 'product' },
  { prefix: '/api/v1/reviews', service: 'product' },
  { prefix: '/api/v1/search', service: 'search' },
  { prefix: '/api/v1/inventory', service: 'inventory' },
  { prefix: '/api/v1/warehouses', service: 'inventory' },
  { prefix: '/api/v1/carts', service: 'order' },
  { prefix: '/api/v1/orders', service: 'order' },
  { prefix: '/api/v1/payments', service: 'payment' },
  { prefix: '/api/v1/recommendations', service: 'recommendation' },
  { prefix: '/api/v1/events', service: 'recommendation' },
  { prefix: '/api/v1/notifications', service: 'notification' },
  // WebSocket upgrades under these two are proxied by proxy/websocket-upgrade.ts.
  { prefix: '/api/v1/ws', service: 'notification' },
  { prefix: '/api/v1/analytics', service: 'analytics' },
  { prefix: '/api/v1/registry', service: 'registry' },
  { prefix: '/api/v1/config', service: 'config' },
];

/** Every service behind the gateway, in the order the platform lists them (ports 8081..8091). */
export const upstreamServices: readonly string[] = [
  'registry',
  'config',
  'user',
  'product',
  'search',
  'inventory',
  'order',
  'payment',
  'recommendation',
  'notification',
  'analytics',
];

/** The service owning `path` (no query string), if any; used to filter the merged OpenAPI paths. */
export function ownerOf(path: string): string | undefined {
  for (const entry of routeTable) {
    if (path === entry.prefix) return entry.service;
    if (!entry.exact && path.startsWith(`${entry.prefix}/`)) return entry.service;
  }
  return undefined;
}
