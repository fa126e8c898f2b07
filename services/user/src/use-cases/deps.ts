import type { Logger } from '@emporium/platform/log/logger';
import type { UserDb } from '../db/database.js';
import type { UserMetrics } from '../metrics.js';

/** Everything the user use cases need, built once in `service.ts`. */
export interface UserDeps {
  db: UserDb;
  logger: Logger;
  metrics: UserMetrics;
}
