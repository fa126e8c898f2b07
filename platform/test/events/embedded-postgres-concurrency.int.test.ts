import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';

/**
 * The event backbone runs relays, LISTEN probes and consumers on separate
 * connections to the one PGlite session; their parameterised statements
 * (Parse, Bind, Execute, Sync) must not interleave. Without
 * `keepExtendedQueriesTogether` this failed with "bind message supplies 2
 * parameters, but prepared statement requires 1" and could stall the queue.
 */
describe('embedded PostgreSQL under concurrent parameterised statements', () => {
  let server: EmbeddedPostgres;
  let clients: pg.Client[];

  beforeAll(async () => {
    server = await startEmbeddedPostgres();
    clients = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const client = new pg.Client({ connectionString: server.url });
        await client.connect();
        return client;
      }),
    );
    await clients[0]!.query('create table notes (id serial primary key, a text, b text)');
  });

  afterAll(async () => {
    for (const client of clients ?? []) await client.end();
    await server?.stop();
  });

  it('keeps each connection’s statements and transactions whole', async () => {
    const failures: string[] = [];
    await Promise.all(
      clients.map(async (client, k) => {
        for (let i = 0; i < 150; i += 1) {
          try {
            if (k % 3 === 0) await client.query('insert into notes (a, b) values ($1, $2)', [`a${i}`, 'b']);
            else if (k % 3 === 1) await client.query('select count(*) from notes where a = $1', [`a${i}`]);
            else {
              await client.query('begin');
              await client.query('select $1::int as n', [i]);
              await client.query('commit');
            }
          } catch (error) {
            failures.push((error as Error).message);
          }
        }
      }),
    );
    expect(failures).toEqual([]);
    expect((await clients[0]!.query('select count(*)::int as n from notes')).rows[0].n).toBe(300);
  });

  it('keeps serving after a statement fails', async () => {
    await expect(clients[1]!.query('select $1::int', ['not a number'])).rejects.toThrow();
    expect((await clients[2]!.query('select $1::int as n', [7])).rows[0].n).toBe(7);
  });
});
