/**
 * The twelve components of the architecture, by name, sorted: what a whole
 * running platform shows in the gateway's `/health/ready`. Written out here
 * rather than read from the launcher's catalog, so a service the launcher
 * forgot fails the tests that compare with it.
 */
export const architectureServices: readonly string[] = [
  'analytics',
  'config',
  'gateway',
  'inventory',
  'notification',
  'order',
  'payment',
  'product',
  'recommendation',
  'registry',
  'search',
  'user',
];
