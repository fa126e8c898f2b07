import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

export interface DatabaseSettings {
  url: string;
  poolMax: number;
  /** Shown in `pg_stat_activity`, so an operator sees which service holds a connection. */
  applicationName: string;
}

export interface Database<TSchema extends Record<string, unknown> = Record<string, never>> {
  pool: pg.Pool;
  db: NodePgDatabase<TSchema>;
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * A `pg` pool and Drizzle on top: the same code against a real PostgreSQL and
 * against the embedded PGlite socket. Connection and statement timeouts turn a
 * database that stopped answering into an error (→ 503) instead of a hang.
 */
export function createDatabase<TSchema extends Record<string, unknown>>(
  settings: DatabaseSettings,
  schema: TSchema,
): Database<TSchema> {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolMax,
    application_name: settings.applicationName,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 15_000,
  });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  return {
    pool,
    db,
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}
