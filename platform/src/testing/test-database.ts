import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../db/embedded-postgres.js';

export interface TestDatabase {
  url: string;
  /** 'postgres' when DATABASE_URL points at a real server, 'pglite' otherwise. */
  kind: 'postgres' | 'pglite';
  drop: () => Promise<void>;
}

/**
 * A database of the suite's own. With `DATABASE_URL` set (CI, the real
 * server) a fresh database is created on that server and dropped after;
 * without it, an in-memory PGlite is served on a loopback port. Either way
 * the code under test connects with `pg`, exactly as in production.
 */
export async function createTestDatabase(env: NodeJS.ProcessEnv = process.env): Promise<TestDatabase> {
  const serverUrl = env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, kind: 'pglite', drop: embedded.stop };
  }
  const name = `emporium_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'postgres',
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
