import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';

export type InventoryDb = NodePgDatabase<typeof schema>;
/** A transaction of the inventory database: repos accept either, so use cases decide the boundaries. */
export type InventoryTx = Parameters<Parameters<InventoryDb['transaction']>[0]>[0];
export type InventoryExecutor = InventoryDb | InventoryTx;
