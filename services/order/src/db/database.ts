import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';

export type OrderDb = NodePgDatabase<typeof schema>;

/** A transaction opened by a use case; repo functions accept either. */
export type OrderTx = Parameters<Parameters<OrderDb['transaction']>[0]>[0];

/**
 * What repos take: the service's database, a use case's transaction, or the
 * transaction an event consumer's handler runs in (its inbox row commits with it).
 */
export type OrderExecutor = SqlExecutor;
