import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { sql } from 'drizzle-orm';
import type { KnownCategory } from '../domain/catalog-product.js';
import { categories } from './schema.js';

type CategoryRow = { slug: string; name: string; path: string[] };

/** Every category of the catalog's tree, by slug: what a reindex resolves paths and names with. */
export async function allCategories(db: SqlExecutor): Promise<Map<string, KnownCategory>> {
  const result = await db.execute<CategoryRow>(sql`select slug, name, path from ${categories}`);
  return new Map(result.rows.map((row) => [row.slug, row]));
}

/**
 * Records the catalog's tree (new names and moves included; `keep`: only
 * categories not known yet, for the demo seed); categories no longer in it
 * are kept for old documents.
 */
export async function upsertCategories(
  db: SqlExecutor,
  list: readonly KnownCategory[],
  onConflict: 'update' | 'keep' = 'update',
): Promise<void> {
  if (list.length === 0) return;
  const rows = list.map(({ slug, name, path }) => ({ slug, name, path }));
  await db.execute(sql`
    insert into ${categories} (slug, name, path)
    select r.slug, r.name, r.path
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(slug text, name text, path text[])
    on conflict (slug) do ${onConflict === 'update' ? sql`update set name = excluded.name, path = excluded.path` : sql`nothing`}`);
}
