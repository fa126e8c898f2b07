import { sql } from 'drizzle-orm';
import type { SearchDocument } from '../domain/search-document.js';
import type { SearchDb } from './database.js';
import { documents } from './schema.js';
import { searchVectorOfRow } from './text-search.js';

const rowOf = (d: SearchDocument) => ({
  product_id: d.productId,
  slug: d.slug,
  title: d.title,
  description: d.description,
  brand: d.brand,
  category_slugs: d.categorySlugs,
  tags: d.tags,
  price_min_minor: d.priceMinMinor,
  price_max_minor: d.priceMaxMinor,
  currency: d.currency,
  in_stock: d.inStock,
  rating: d.rating,
  popularity: d.popularity,
  image_url: d.imageUrl,
  attributes: d.attributes,
  created_at: d.createdAt.toISOString(),
});

/**
 * Adds documents not yet in the index, in one statement: the rows travel as
 * a single JSON parameter, and each row's search vector is computed from
 * its own columns by the database. Existing documents are kept.
 */
export async function insertDocumentsIfAbsent(db: SearchDb, batch: SearchDocument[]): Promise<number> {
  if (batch.length === 0) return 0;
  const result = await db.execute(sql`
    insert into ${documents} (product_id, slug, title, description, brand, category_slugs, tags,
      price_min_minor, price_max_minor, currency, in_stock, rating, popularity, image_url, attributes,
      created_at, search_vector)
    select r.product_id, r.slug, r.title, r.description, r.brand, r.category_slugs, r.tags,
      r.price_min_minor, r.price_max_minor, r.currency, r.in_stock, r.rating, r.popularity, r.image_url,
      r.attributes, r.created_at, ${searchVectorOfRow}
    from jsonb_to_recordset(${JSON.stringify(batch.map(rowOf))}::jsonb) as r(product_id uuid, slug text,
      title text, description text, brand text, category_slugs text[], tags text[], price_min_minor int,
      price_max_minor int, currency text, in_stock boolean, rating real, popularity int, image_url text,
      attributes jsonb, created_at timestamptz)
    on conflict (product_id) do nothing`);
  return result.rowCount ?? 0;
}
