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

/**
 * A port free right now, for a server that starts a little later. Chosen
 * below Linux's ephemeral range (32768–60999): a port the kernel hands out
 * (`listen(0)`) is also what it picks as the local port of outgoing
 * connections, so between this answer and the listen, any connection on the
 * machine could take it. Random ports in 15000–32767, checked by binding,
 * are not reused that way.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = 15_000 + Math.floor(Math.random() * (32_768 - 15_000));
    if (await canListen(candidate)) return candidate;
  }
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

/** The first of `count` consecutive ports free right now, from freePort's range: for `PORT + offset` layouts. */
export async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 15_000 + Math.floor(Math.random() * (32_768 - 15_000 - count));
    let free = true;
    for (let offset = 0; offset < count && free; offset++) free = await canListen(first + offset);
    if (free) return first;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
