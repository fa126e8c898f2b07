import type { Permission } from '@emporium/platform/auth/permissions';
import { type PathMatcher, pathMatcher } from './path-pattern.js';

/**
 * Who may pass the edge, per method and path (DESIGN.md §9): anyone
 * (`public`), any signed-in caller (`authenticated`), a signed-in caller or
 * a guest showing their cart's `X-Cart-Token` (`identified`: guest checkout;
 * the order service checks the token), a caller holding a permission, or
 * nobody from outside (`internal`: instances talk to the registry
 * directly). The edge only refuses what is certainly refused: each
 * service checks again, with ownership and finer permissions (the gateway is
 * the first lock, not the only one). The first matching rule wins; a path no
 * rule names needs a signed-in caller.
 */
export type EdgeAccess = 'public' | 'authenticated' | 'identified' | 'internal' | Permission;

/** `read`: GET, HEAD, OPTIONS; `write`: every other method. */
export type MethodClass = 'read' | 'write' | 'any';

export interface EdgeRule {
  methods: MethodClass;
  path: string;
  access: EdgeAccess;
  /** The path itself only, not what is below it (a list, not its items). */
  exact?: boolean;
}

export const edgeRules: readonly EdgeRule[] = [
  // user: signing in is public (and throttled harder, see rate-limit-settings.ts).
  { methods: 'any', path: '/api/v1/auth', access: 'public' },
  { methods: 'read', path: '/.well-known/jwks.json', access: 'public' },
  { methods: 'any', path: '/api/v1/users/me', access: 'authenticated' },
  { methods: 'read', path: '/api/v1/users', access: 'users:read:any' },
  { methods: 'write', path: '/api/v1/users', access: 'users:write:any' },
  { methods: 'read', path: '/api/v1/roles', access: 'users:read:any' },
  { methods: 'write', path: '/api/v1/roles', access: 'roles:write' },
  { methods: 'any', path: '/api/v1/api-keys', access: 'api-keys:write' },

  // product: reviews are written by customers, the catalog by its managers.
  { methods: 'write', path: '/api/v1/products/:id/reviews', access: 'authenticated' },
  { methods: 'any', path: '/api/v1/products/import', access: 'products:write' },
  { methods: 'read', path: '/api/v1/products/export', access: 'products:write' },
  { methods: 'read', path: '/api/v1/products', access: 'public' },
  { methods: 'write', path: '/api/v1/products', access: 'products:write' },
  { methods: 'read', path: '/api/v1/categories', access: 'public' },
  { methods: 'write', path: '/api/v1/categories', access: 'categories:write' },
  { methods: 'any', path: '/api/v1/reviews', access: 'reviews:moderate' },

  // search: click tracking is anonymous; synonyms and reindexing are the catalog managers'.
  { methods: 'read', path: '/api/v1/search/analytics', access: 'search:analytics' },
  { methods: 'any', path: '/api/v1/search/synonyms', access: 'search:manage' },
  { methods: 'any', path: '/api/v1/search/reindex', access: 'search:manage' },
  { methods: 'any', path: '/api/v1/search', access: 'public' },

  // inventory: reservations (hold, read, commit, release) are the order service's, by API key.
  { methods: 'any', path: '/api/v1/inventory/reservations', access: 'inventory:reserve' },
  { methods: 'read', path: '/api/v1/inventory/low-stock', access: 'inventory:read' },
  { methods: 'read', path: '/api/v1/inventory/:sku/movements', access: 'inventory:read' },
  { methods: 'read', path: '/api/v1/inventory', access: 'public' },
  { methods: 'write', path: '/api/v1/inventory', access: 'inventory:write' },
  { methods: 'read', path: '/api/v1/warehouses', access: 'inventory:read' },
  { methods: 'write', path: '/api/v1/warehouses', access: 'inventory:write' },

  // order: a cart is anonymous until checkout; an order belongs to a user or to a guest's cart.
  { methods: 'any', path: '/api/v1/carts', access: 'public' },
  { methods: 'write', path: '/api/v1/orders/:id/status', access: 'orders:write:any' },
  { methods: 'read', path: '/api/v1/orders', access: 'authenticated', exact: true },
  { methods: 'any', path: '/api/v1/orders', access: 'identified' },

  // payment: provider webhooks carry the provider's signature, checked by the payment service.
  { methods: 'write', path: '/api/v1/payments/webhooks', access: 'public' },
  { methods: 'write', path: '/api/v1/payments/:id/refunds', access: 'payments:refund' },
  { methods: 'read', path: '/api/v1/payments', access: 'authenticated', exact: true },
  { methods: 'any', path: '/api/v1/payments', access: 'identified' },

  // recommendation: behaviour tracking includes anonymous sessions.
  { methods: 'read', path: '/api/v1/recommendations/me', access: 'authenticated' },
  { methods: 'read', path: '/api/v1/recommendations', access: 'public' },
  { methods: 'write', path: '/api/v1/events', access: 'public' },

  // notification. Browsers cannot send Authorization on a WebSocket upgrade:
  // the notification service authenticates the socket itself.
  // (WebSocket upgrades, at /api/v1/ws and /api/v1/notifications/live, are checked by
  // proxy/websocket-upgrade.ts: these rules see plain HTTP requests only.)
  { methods: 'read', path: '/api/v1/notifications/outbox', access: 'notifications:read:any' },
  { methods: 'read', path: '/api/v1/notifications/mailbox', access: 'notifications:read:any' },
  { methods: 'write', path: '/api/v1/notifications/deliveries/:id/retry', access: 'notifications:manage' },
  { methods: 'read', path: '/api/v1/notifications/push/vapid-public-key', access: 'public' },
  { methods: 'any', path: '/api/v1/notifications', access: 'authenticated' },
  { methods: 'any', path: '/api/v1/ws', access: 'authenticated' },

  // analytics: reports are for the shop's staff.
  { methods: 'any', path: '/api/v1/analytics', access: 'analytics:read' },

  // operations: instances register with the registry directly, never through the edge.
  { methods: 'read', path: '/api/v1/registry', access: 'registry:read' },
  { methods: 'write', path: '/api/v1/registry', access: 'internal' },
  { methods: 'any', path: '/api/v1/config', access: 'config:write' },
];

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const compiled: ReadonlyArray<EdgeRule & { matches: PathMatcher }> = edgeRules.map((rule) => {
  const below = pathMatcher(rule.path);
  const matches = rule.exact ? (path: string) => path.replace(/\/+$/, '') === rule.path : below;
  return { ...rule, matches };
});

/** The rule deciding `method path` (path without query), if one names it. */
export function edgeRuleFor(method: string, path: string): EdgeRule | undefined {
  const kind = readMethods.has(method) ? 'read' : 'write';
  return compiled.find((rule) => (rule.methods === 'any' || rule.methods === kind) && rule.matches(path));
}

/** What `method path` needs at the edge; a path no rule names needs a signed-in caller. */
export function edgeAccessOf(method: string, path: string): EdgeAccess {
  return edgeRuleFor(method, path)?.access ?? 'authenticated';
}
