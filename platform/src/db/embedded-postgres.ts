import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { keepExtendedQueriesTogether } from './pglite-socket-affinity.js';

export interface EmbeddedPostgres {
  /** A `postgres://` URL any `pg` client can use. */
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/**
 * One PGlite (PostgreSQL compiled to WebAssembly) served on a loopback port
 * by pglite-socket, so every service connects with `pg` exactly as in
 * production. One instance for the whole platform: each costs ~0.5 GB.
 * PGlite runs one transaction at a time; the socket server's multiplexer
 * (`maxConnections` > 1) queues the rest, which is why no service may hold a
 * transaction open across a call to another service.
 */
export async function startEmbeddedPostgres(
  options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: options.dataDir, extensions: { pg_trgm } });
  const port = options.port ?? (await freePort());
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 100 });
  keepExtendedQueriesTogether(server);
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
