import { type SQL, sql } from 'drizzle-orm';
import { type Facets, maxBrandFacets, maxCategoryFacets, priceRanges } from '../domain/facets.js';
import type { MatchMode, SearchRequest } from '../domain/search-request.js';
import type { SearchReader } from './database.js';
import { documents } from './schema.js';
import { whereOf } from './text-search.js';

const priceCounts = sql.join(
  priceRanges.map(
    ({ fromMinor, toMinor }) =>
      sql`count(*) filter (where price_min_minor >= ${fromMinor}${toMinor === null ? sql`` : sql` and price_min_minor < ${toMinor}`})::int`,
  ),
  sql`, `,
);

/**
 * The total and the facet counts over the whole result set (every filter
 * applied, no page), in one statement over the matched rows.
 */
export async function summarize(
  db: SearchReader,
  mode: MatchMode,
  request: SearchRequest,
): Promise<{ total: number; facets: Facets }> {
  const where: SQL | undefined = whereOf(mode, request.q, request.filters);
  const result = await db.execute<{
    total: number;
    brands: Facets['brand'];
    categories: Facets['category'];
    prices: number[];
  }>(sql`
    with matched as (
      select brand, category_slugs, price_min_minor from ${documents} ${where ? sql`where ${where}` : sql``}
    )
    select
      (select count(*)::int from matched) as total,
      (select coalesce(json_agg(b), '[]') from (
        select brand as value, count(*)::int as count from matched where brand is not null
        group by brand order by count desc, brand limit ${maxBrandFacets}) b) as brands,
      (select coalesce(json_agg(c), '[]') from (
        select slug as value, count(*)::int as count from matched, unnest(category_slugs) as slug
        group by slug order by count desc, slug limit ${maxCategoryFacets}) c) as categories,
      (select json_build_array(${priceCounts}) from matched) as prices`);
  const row = result.rows[0]!;
  return {
    total: row.total,
    facets: {
      brand: row.brands,
      category: row.categories,
      price: priceRanges.map((range, i) => ({ ...range, count: row.prices[i] ?? 0 })),
    },
  };
}
