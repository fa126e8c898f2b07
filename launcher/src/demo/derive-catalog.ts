import type { DemoCatalog, DemoProduct } from '@emporium/contracts/demo/demo-catalog';
import { parse } from 'csv-parse/sync';
import { buildCategoryTree, splitPath } from './category-tree.js';
import { DEMO_WAREHOUSES, deriveVariants, sizeKindOf, sizesFor } from './derive-variants.js';
import { slugify, uniqueSlug } from './slug.js';

/**
 * Pure derivation of the demo catalog from the Livostyle open data (see
 * launcher/demo-data/README.md); scripts/derive-demo-catalog.ts does the I/O.
 * Only types come from contracts, so the script runs under plain `tsx`
 * without the `source` export condition.
 */

/** The columns read from products.csv (the file has a few more). */
export const SOURCE_COLUMNS = [
  'id',
  'handle',
  'title',
  'product_type',
  'category_full_path',
  'tags',
  'description',
  'price_min_usd',
  'price_max_usd',
  'in_stock_any',
  'variant_count',
  'featured_image_url',
  'review_count',
  'review_rating',
  'created_at',
] as const;
export type SourceRow = Record<(typeof SOURCE_COLUMNS)[number], string>;

export const DEMO_SOURCE = {
  name: "Livostyle women's fashion catalog (open data)",
  url: 'https://github.com/arturayupov/womens-fashion-catalog-open-data',
  licence: 'MIT',
};

export function parseProductsCsv(text: string): SourceRow[] {
  const records = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, bom: true });
  const first = records[0] ?? {};
  const missing = SOURCE_COLUMNS.filter((column) => !(column in first));
  if (missing.length > 0) throw new Error(`products.csv lacks columns: ${missing.join(', ')}`);
  return records as SourceRow[];
}

export function minorOf(usd: string, what: string): number {
  const value = Number(usd.trim());
  if (usd.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new Error(`${what}: not a price: "${usd}"`);
  return Math.round(value * 100);
}

export function plainTextOf(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
}

/** A row without a category gets the commonest path among products of its type, else the commonest root. */
function categoryPathsOf(rows: SourceRow[]): string[] {
  const paths = rows.map((row) => splitPath(row.category_full_path).join(' > '));
  const pathsByType = new Map<string, string[]>();
  rows.forEach((row, i) => {
    const type = row.product_type.trim();
    if (paths[i]) pathsByType.set(type, [...(pathsByType.get(type) ?? []), paths[i]]);
  });
  const root = mostCommon(paths.filter(Boolean).map((path) => splitPath(path)[0]!)) ?? 'Uncategorised';
  return rows.map((row, i) => paths[i] || mostCommon(pathsByType.get(row.product_type.trim()) ?? []) || root);
}

/** SKUs are built from the id, so it must be present, unique and SKU-safe. */
function checkIds(rows: SourceRow[]): void {
  const seen = new Set<string>();
  for (const [i, row] of rows.entries()) {
    if (!/^[A-Za-z0-9]+$/.test(row.id)) throw new Error(`csv row ${i + 1}: bad id "${row.id}"`);
    if (seen.has(row.id)) throw new Error(`csv row ${i + 1}: duplicate id ${row.id}`);
    seen.add(row.id);
  }
}

/** Brand is null throughout: the source has no brand column (why we do not mine the tags: see the script). */
export function deriveCatalog(rows: SourceRow[]): DemoCatalog {
  checkIds(rows);
  const paths = categoryPathsOf(rows);
  const tree = buildCategoryTree(paths);
  const takenSlugs = new Set<string>();
  const products = rows.map((row, i): DemoProduct => {
    const path = paths[i]!;
    const sizes = sizesFor(sizeKindOf(row.product_type, path), Number.parseInt(row.variant_count, 10));
    return {
      sourceId: row.id,
      slug: uniqueSlug(slugify(row.handle) || slugify(row.title) || `product-${row.id}`, takenSlugs),
      title: row.title.trim(),
      description: plainTextOf(row.description),
      brand: null,
      productType: row.product_type.trim() || splitPath(path).at(-1)!,
      categorySlug: tree.slugOf(path)!,
      tags: [...new Set(row.tags.split('|').map((tag) => tag.trim()))].filter((tag) => tag !== ''),
      currency: 'USD',
      options: [{ name: 'Size', values: sizes }],
      variants: deriveVariants({
        sourceId: row.id,
        sizes,
        minMinor: minorOf(row.price_min_usd, `product ${row.id} price_min_usd`),
        maxMinor: minorOf(row.price_max_usd || row.price_min_usd, `product ${row.id} price_max_usd`),
        inStock: row.in_stock_any.trim().toLowerCase() === 'true',
      }),
      imageUrl: row.featured_image_url.trim() || null,
      rating: {
        count: Number.parseInt(row.review_count, 10) || 0,
        average: Number.parseFloat(row.review_rating) || 0,
      },
      createdAt: row.created_at.trim(),
    };
  });
  return {
    source: { ...DEMO_SOURCE },
    warehouses: DEMO_WAREHOUSES.map((warehouse) => ({ ...warehouse })),
    categories: tree.categories,
    products,
  };
}
