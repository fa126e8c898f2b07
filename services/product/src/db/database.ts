import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';

export type ProductDb = NodePgDatabase<typeof schema>;
/** A transaction of the product database: repos accept either, so use cases decide the boundaries. */
export type ProductTx = Parameters<Parameters<ProductDb['transaction']>[0]>[0];
export type ProductExecutor = ProductDb | ProductTx;

/** Postgres' code for a violated unique constraint. */
const uniqueViolation = '23505';

/** True when a statement failed on a unique constraint (optionally the named one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = [error, (error as { cause?: unknown })?.cause].find(
    (candidate) => (candidate as { code?: string } | undefined)?.code === uniqueViolation,
  ) as { constraint?: string } | undefined;
  return found !== undefined && (constraint === undefined || found.constraint === constraint);
}
