import { type SQL, sql } from 'drizzle-orm';
import {
  type Facets,
  maxAttributeFacets,
  maxAttributeValues,
  maxBrandFacets,
  maxCategoryFacets,
  priceRanges,
  ratingThresholds,
} from '../domain/facets.js';
import type { MatchMode, SearchRequest } from '../domain/search-request.js';
import type { SearchReader } from './database.js';
import { documents } from './schema.js';
import { whereOf } from './text-search.js';

/** The index of a row's price range (`priceRanges`), on its lowest price. */
const priceBucket = sql.raw(
  `case ${priceRanges
    .map((range, i) =>
      range.toMinor === null ? `else ${i}` : `when price_min_minor < ${range.toMinor} then ${i}`,
    )
    .join(' ')} end`,
);

type SummaryRow = {
  total: number;
  brands: Facets['brand'];
  categories: Facets['category'];
  prices: Array<{ bucket: number; count: number }> | null;
  ratings: Array<{ floor: number; count: number }> | null;
  attributes: Facets['attributes'] | null;
  in_stock: number;
};

/**
 * The total and the facet counts over the whole result set (every filter
 * applied, no page), in one statement and one pass over the matched rows:
 * grouping sets count every facet at once, then the few groups (brands,
 * category paths, attribute sets, ...) are expanded into facet values.
 */
export async function summarize(
  db: SearchReader,
  mode: MatchMode,
  request: SearchRequest,
): Promise<{ total: number; facets: Facets }> {
  const where: SQL | undefined = whereOf(mode, request, request.filters);
  const result = await db.execute<SummaryRow>(sql`
    with groups as (
      select case
          when grouping(brand) = 0 then 'brand'
          when grouping(category_slugs) = 0 then 'category'
          when grouping(attributes) = 0 then 'attributes'
          when grouping(in_stock) = 0 then 'stock'
          when grouping(price_bucket) = 0 then 'price'
          when grouping(rating_floor) = 0 then 'rating'
          else 'total' end as facet,
        brand, category_slugs, category_names, attributes, in_stock, price_bucket, rating_floor,
        count(*)::int as n
      from (
        select brand, category_slugs, category_names, attributes, in_stock,
          ${priceBucket} as price_bucket, floor(rating)::int as rating_floor
        from ${documents} ${where ? sql`where ${where}` : sql``}
      ) matched
      group by grouping sets ((brand), (category_slugs, category_names), (attributes), (in_stock),
        (price_bucket), (rating_floor), ())
    ),
    attribute_counts as (
      select a.key as name, v.value, sum(g.n)::int as count
      from groups g, jsonb_each(g.attributes) as a(key, value), jsonb_array_elements_text(a.value) as v(value)
      where g.facet = 'attributes'
      group by a.key, v.value
    ),
    top_attributes as (
      select name, sum(count) as weight from attribute_counts
      group by name order by weight desc, name limit ${maxAttributeFacets}
    )
    select
      coalesce((select n from groups where facet = 'total'), 0) as total,
      (select coalesce(json_agg(b), '[]') from (
        select brand as value, n as count from groups where facet = 'brand' and brand is not null
        order by n desc, brand limit ${maxBrandFacets}) b) as brands,
      (select coalesce(json_agg(c), '[]') from (
        select c.slug as value, sum(g.n)::int as count,
          coalesce(min(c.name), replace(c.slug, '-', ' ')) as name,
          min(g.category_slugs[(c.depth - 1)::int]) as parent,
          (min(c.depth) - 1)::int as depth
        from groups g, unnest(g.category_slugs, g.category_names) with ordinality as c(slug, name, depth)
        where g.facet = 'category'
        group by c.slug order by count desc, c.slug limit ${maxCategoryFacets}) c) as categories,
      (select json_agg(json_build_object('bucket', price_bucket, 'count', n)) from groups where facet = 'price') as prices,
      (select json_agg(json_build_object('floor', rating_floor, 'count', n)) from groups where facet = 'rating') as ratings,
      coalesce((select n from groups where facet = 'stock' and in_stock), 0) as in_stock,
      (select json_agg(json_build_object('name', t.name, 'values', (
          select json_agg(json_build_object('value', v.value, 'count', v.count) order by v.count desc, v.value)
          from (select value, count from attribute_counts ac where ac.name = t.name
                order by count desc, value limit ${maxAttributeValues}) v
        )) order by t.weight desc, t.name)
       from top_attributes t) as attributes`);
  const row = result.rows[0]!;
  const prices = row.prices ?? [];
  const ratings = row.ratings ?? [];
  return {
    total: row.total,
    facets: {
      brand: row.brands,
      category: row.categories,
      price: priceRanges.map((range, i) => ({
        ...range,
        count: prices.find((p) => p.bucket === i)?.count ?? 0,
      })),
      attributes: row.attributes ?? [],
      // Thresholds are whole stars: a rating counts under every threshold up to its floor.
      rating: ratingThresholds.map((minRating) => ({
        minRating,
        count: ratings.filter((r) => r.floor >= minRating).reduce((sum, r) => sum + r.count, 0),
      })),
      availability: { inStock: row.in_stock, outOfStock: row.total - row.in_stock },
    },
  };
}
