import type { Logger } from '@emporium/platform/log/logger';
import type { ConfigDb } from '../db/database.js';
import type { ConfigChangeHub } from '../events/config-change-hub.js';

/** Everything the config use cases need, built once in `service.ts`. */
export interface ConfigDeps {
  db: ConfigDb;
  logger: Logger;
  changes: ConfigChangeHub;
}
