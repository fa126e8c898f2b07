import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';

/** What event code needs from a Drizzle database or transaction: any service's `db` or `tx` fits. */
export type SqlExecutor = Pick<
  PgDatabase<NodePgQueryResultHKT>,
  'execute' | 'insert' | 'select' | 'update' | 'delete'
>;

export interface TransactionalDb extends SqlExecutor {
  transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => Promise<T>;
}
