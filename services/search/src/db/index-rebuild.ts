import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { searchErrors } from '../domain/errors.js';
import type { IndexRebuild } from '../domain/search-engine.js';
import type { SearchDb } from './database.js';
import { indexTableRef, upsertDocuments } from './documents.repo.js';

/**
 * How long a rebuild stays alive without progress (renewed on every write
 * and before each index build): a crashed reindex stops costing writers,
 * and stops blocking the next one, after this.
 */
const leaseSeconds = 300;
const live = indexTableRef('documents');
const staging = indexTableRef('documents_next');
/** Index names get this suffix on the copy and lose it at the swap. */
const suffix = '__next';

/** Is a rebuild alive? Then writers copy their changes into the staging table too. */
export async function isRebuilding(db: SqlExecutor): Promise<boolean> {
  const result = await db.execute(sql`select 1 from search.index_rebuilds where building_until > now()`);
  return result.rows.length > 0;
}

/**
 * Rebuilds the index into `search.documents_next` (same columns, primary key
 * only, so bulk writes are cheap), then at `commit` creates the live table's
 * secondary indexes on it, read from the catalog (`pg_indexes`) so an index
 * added by a later migration is carried over too, and swaps the tables by
 * renaming them in one short transaction: readers see the old index or the
 * new one, never a mix.
 */
export async function beginIndexRebuild(db: SearchDb): Promise<IndexRebuild> {
  const startedAt = await db.transaction(async (tx) => {
    const claimed = await tx.execute<{ started_at: string | Date }>(sql`
      insert into search.index_rebuilds (id, started_at, building_until)
      values (1, now(), now() + make_interval(secs => ${leaseSeconds}))
      on conflict (id) do update set started_at = excluded.started_at, building_until = excluded.building_until
      where search.index_rebuilds.building_until <= now()
      returning started_at`);
    if (claimed.rows.length === 0) throw searchErrors.REINDEX_RUNNING();
    await tx.execute(sql`drop table if exists ${staging}`);
    await tx.execute(
      sql`create table ${staging} (like ${live} including defaults including constraints including storage)`,
    );
    await tx.execute(sql`alter table ${staging} add constraint documents_next_pkey primary key (product_id)`);
    return new Date(claimed.rows[0]!.started_at);
  });

  const renewLease = () =>
    db.execute(sql`
      update search.index_rebuilds set building_until = now() + make_interval(secs => ${leaseSeconds})`);

  return {
    startedAt,
    async write(documents) {
      await upsertDocuments(db, 'documents_next', documents, 'newer');
      await renewLease();
    },

    async commit() {
      const indexes = await db.execute<{ indexname: string; indexdef: string }>(sql`
        select indexname, indexdef from pg_indexes
        where schemaname = 'search' and tablename = 'documents' and indexname <> 'documents_pkey'`);
      // Building a GIN index over a large catalog outlasts the pool's per-query timeout: a connection of its own.
      const pool = (db as unknown as { $client: pg.Pool }).$client;
      const builder = new pg.Client({
        ...pool.options,
        query_timeout: undefined,
        statement_timeout: undefined,
      });
      await builder.connect();
      try {
        for (const { indexname, indexdef } of indexes.rows) {
          await renewLease();
          await builder.query(stagingIndexDefinition(indexname, indexdef));
        }
        await builder.query('analyze search.documents_next');
      } finally {
        await builder.end();
      }
      return db.transaction(async (tx) => {
        // Waits for running searches and writes on both tables, then holds them off for the swap.
        await tx.execute(sql`lock table ${live}, ${staging} in access exclusive mode`);
        const counted = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${staging}`);
        await tx.execute(sql`drop table ${live}`);
        await tx.execute(sql`alter table ${staging} rename to documents`);
        await tx.execute(sql`alter table ${live} rename constraint documents_next_pkey to documents_pkey`);
        for (const { indexname } of indexes.rows) {
          await tx.execute(
            sql`alter index ${sql.identifier('search')}.${sql.identifier(`${indexname}${suffix}`)} rename to ${sql.identifier(indexname)}`,
          );
        }
        await tx.execute(sql`delete from search.index_rebuilds`);
        return { documents: counted.rows[0]!.n };
      });
    },

    async abort() {
      await db.transaction(async (tx) => {
        await tx.execute(sql`delete from search.index_rebuilds`);
        await tx.execute(sql`drop table if exists ${staging}`);
      });
    },
  };
}

/** `CREATE INDEX x ON search.documents USING …` → the same index, suffixed, on the staging table. */
export function stagingIndexDefinition(name: string, definition: string): string {
  const match = /^(CREATE (?:UNIQUE )?INDEX )(\S+)( ON (?:ONLY )?)(\S+)( USING .*)$/s.exec(definition);
  if (!match || match[2] !== name || !/^(search\.)?"?documents"?$/.test(match[4]!)) {
    throw new Error(`unexpected index definition: ${definition}`);
  }
  return `${match[1]}"${name}${suffix}"${match[3]}search.documents_next${match[5]}`;
}
