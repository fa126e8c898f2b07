import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';

export type NotificationDb = NodePgDatabase<typeof schema>;
/**
 * What repos run on: the database, or an event consumer's transaction (whose
 * inbox row commits with the repo's writes).
 */
export type NotificationExecutor = SqlExecutor;
