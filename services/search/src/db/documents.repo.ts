import type { SqlExecutor } from '@emporium/platform/events/sql-executor';
import { type SQL, sql } from 'drizzle-orm';
import type { SearchDocument } from '../domain/search-document.js';
import { searchVectorOfRow, tagsVectorOfRow } from './text-search.js';

/** The live index, or the copy a reindex is building (db/index-rebuild.ts). */
export type IndexTable = 'documents' | 'documents_next';

export const indexTableRef = (table: IndexTable): SQL =>
  sql`${sql.identifier('search')}.${sql.identifier(table)}`;

const rowOf = (d: SearchDocument) => ({
  product_id: d.productId,
  slug: d.slug,
  title: d.title,
  description: d.description,
  brand: d.brand,
  category_slugs: d.categorySlugs,
  category_names: d.categoryNames,
  tags: d.tags,
  skus: d.skus,
  price_min_minor: d.priceMinMinor,
  price_max_minor: d.priceMaxMinor,
  currency: d.currency,
  in_stock: d.inStock,
  rating: d.rating,
  popularity: d.popularity,
  image_url: d.imageUrl,
  attributes: d.attributes,
  created_at: d.createdAt.toISOString(),
  source_updated_at: d.sourceUpdatedAt?.toISOString() ?? null,
});

const columns =
  sql.raw(`product_id, slug, title, description, brand, category_slugs, category_names, tags, skus,
  price_min_minor, price_max_minor, currency, in_stock, rating, popularity, image_url, attributes, created_at,
  source_updated_at`);

const updates = sql.raw(
  [
    'slug',
    'title',
    'description',
    'brand',
    'category_slugs',
    'category_names',
    'tags',
    'skus',
    'price_min_minor',
    'price_max_minor',
    'currency',
    'in_stock',
    'rating',
    'popularity',
    'image_url',
    'attributes',
    'created_at',
    'source_updated_at',
    'search_vector',
    'tags_vector',
  ]
    .map((column) => `${column} = excluded.${column}`)
    .join(', '),
);

/**
 * When an existing row gives way: `newer` (events, reindex) unless the row
 * holds a later catalog version; `legacy` (demo seed) only rows written
 * before versions and SKUs were kept, so seeding stays idempotent.
 */
export type UpsertGuard = 'newer' | 'legacy';

/**
 * Writes documents in one statement: the rows travel as a single JSON
 * parameter and each row's vectors are computed from its own columns by the
 * database. Returns how many rows were inserted or replaced.
 */
export async function upsertDocuments(
  db: SqlExecutor,
  table: IndexTable,
  batch: SearchDocument[],
  guard: UpsertGuard,
): Promise<number> {
  if (batch.length === 0) return 0;
  const target = indexTableRef(table);
  const when =
    guard === 'newer'
      ? sql`${target}.source_updated_at is null or excluded.source_updated_at >= ${target}.source_updated_at`
      : sql`${target}.source_updated_at is null and ${target}.skus = '{}'::text[]`;
  const result = await db.execute(sql`
    insert into ${target} (${columns}, search_vector, tags_vector)
    select ${columns}, ${searchVectorOfRow}, ${tagsVectorOfRow}
    from jsonb_to_recordset(${JSON.stringify(batch.map(rowOf))}::jsonb) as r(product_id uuid, slug text,
      title text, description text, brand text, category_slugs text[], category_names text[], tags text[],
      skus text[], price_min_minor int, price_max_minor int, currency text, in_stock boolean, rating real,
      popularity int, image_url text, attributes jsonb, created_at timestamptz, source_updated_at timestamptz)
    on conflict (product_id) do update set ${updates}, updated_at = now() where ${when}`);
  return result.rowCount ?? 0;
}

/** Deletes a document unless it holds a catalog version later than `asOf`. */
export async function deleteDocument(
  db: SqlExecutor,
  table: IndexTable,
  productId: string,
  asOf: Date,
): Promise<void> {
  await db.execute(sql`
    delete from ${indexTableRef(table)}
    where product_id = ${productId} and (source_updated_at is null or source_updated_at <= ${asOf.toISOString()})`);
}

export async function setDocumentInStock(
  db: SqlExecutor,
  table: IndexTable,
  productId: string,
  inStock: boolean,
): Promise<void> {
  await db.execute(sql`
    update ${indexTableRef(table)} set in_stock = ${inStock}, updated_at = now()
    where product_id = ${productId} and in_stock is distinct from ${inStock}`);
}

export async function findDocumentVersion(
  db: SqlExecutor,
  productId: string,
): Promise<{ createdAt: Date; sourceUpdatedAt: Date | null } | undefined> {
  const result = await db.execute<{ created_at: string; source_updated_at: string | null }>(sql`
    select created_at, source_updated_at from ${indexTableRef('documents')} where product_id = ${productId}`);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    createdAt: new Date(row.created_at),
    sourceUpdatedAt: row.source_updated_at ? new Date(row.source_updated_at) : null,
  };
}
