import type { Logger } from '@emporium/platform/log/logger';
import type { RegistryDb } from '../db/database.js';
import type { LeaseClock } from '../domain/lease-clock.js';

/** Everything the registry use cases need, built once in `service.ts`. */
export interface RegistryDeps {
  db: RegistryDb;
  logger: Logger;
  defaultLeaseSeconds: number;
  /** Where leases are counted from (restarted after an outage of the registry or its database). */
  leaseClock: LeaseClock;
  /** False when health checking is off: instances are then up as soon as they register. */
  healthChecking: boolean;
  /** Checks due instances now, so a new registration is up within milliseconds, not an interval. */
  checkSoon: () => void;
}
