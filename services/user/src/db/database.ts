import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';

export type UserDb = NodePgDatabase<typeof schema>;
/** A transaction of the user database: repos accept either, so use cases decide the boundaries. */
export type UserTx = Parameters<Parameters<UserDb['transaction']>[0]>[0];
export type UserExecutor = UserDb | UserTx;
