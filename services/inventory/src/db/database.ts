import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';

export type InventoryDb = NodePgDatabase<typeof schema>;
/** A transaction of the inventory database: repos accept either, so use cases decide the boundaries. */
export type InventoryTx = Parameters<Parameters<InventoryDb['transaction']>[0]>[0];
/**
 * What repos run on: the database, a use case's transaction, or an event
 * consumer's transaction (whose inbox row commits with the repo's writes).
 */
export type InventoryExecutor = SqlExecutor;
