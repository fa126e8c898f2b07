import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';

export type OrderDb = NodePgDatabase<typeof schema>;

/** A transaction opened by a use case; repo functions accept either. */
export type OrderTx = Parameters<Parameters<OrderDb['transaction']>[0]>[0];
