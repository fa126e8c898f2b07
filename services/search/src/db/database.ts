import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';

export type SearchDb = NodePgDatabase<typeof schema>;

/** What a read query needs: the database or a transaction on it. */
export type SearchReader = Pick<SearchDb, 'select' | 'execute'>;
