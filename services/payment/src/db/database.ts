import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';

export type PaymentDb = NodePgDatabase<typeof schema>;

/** A transaction opened by a use case; repo functions accept either. */
export type PaymentTx = Parameters<Parameters<PaymentDb['transaction']>[0]>[0];
