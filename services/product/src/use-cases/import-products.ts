import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@emporium/platform/http/request-context';
import { productKeys } from '../cache/cache-keys.js';
import { type ImportCandidate, type ImportError, rowOf } from '../catalog-io/import-candidate.js';
import { productCandidatesOfCsv } from '../catalog-io/product-csv.js';
import { type ValidImport, validateImport } from '../catalog-io/validate-import.js';
import { categoryIdsBySlug } from '../db/categories.repo.js';
import { findProductsByIds, insertProducts, type NewProduct } from '../db/products.repo.js';
import { productErrors } from '../domain/errors.js';
import { promotedColumnsOf } from '../domain/product.js';
import { newDocumentOf } from './create-product.js';
import type { ProductDeps } from './deps.js';
import { announceProducts } from './product-events.js';

export type ImportSource = { format: 'json'; items: unknown[] } | { format: 'csv'; text: string };

export interface ImportResult {
  created: number;
  products: Array<{ row: number; id: string; slug: string }>;
}

/** At most this many errors are listed; the count says how many there were. */
const maxListedErrors = 500;

/**
 * Admin: creates products from a JSON array (items shaped like the create
 * route's body) or a CSV (see catalog-io/product-csv.ts). All or nothing:
 * every row is validated and every problem reported (422, by row), and only
 * a clean file is written, in one transaction with a `product.created` per
 * product. Existing slugs are refused, not updated (updates go through PATCH).
 */
export async function importProducts(
  deps: ProductDeps,
  ctx: RequestContext,
  source: ImportSource,
): Promise<ImportResult> {
  const parsed =
    source.format === 'csv'
      ? productCandidatesOfCsv(source.text)
      : { candidates: source.items.map((value, i): ImportCandidate => ({ row: i + 1, value })), errors: [] };
  if (parsed.candidates.length > deps.importMaxProducts) {
    refuse([{ row: 0, path: '/', message: `at most ${deps.importMaxProducts} products per import` }]);
  }
  const { valid, errors } = validateImport(parsed.candidates);
  const categories = await categoryIdsBySlug(deps.db, [
    ...new Set(valid.flatMap((item) => (item.input.categorySlug ? [item.input.categorySlug] : []))),
  ]);
  for (const item of valid) {
    if (item.input.categorySlug && !categories.has(item.input.categorySlug)) {
      errors.push({
        row: item.row,
        path: '/categorySlug',
        message: `no category "${item.input.categorySlug}"`,
      });
    }
  }
  const allErrors = [...parsed.errors, ...errors];
  if (allErrors.length > 0) refuse(allErrors);
  if (valid.length === 0) refuse([{ row: 0, path: '/', message: 'the import has no products' }]);

  const rows = valid.map((item) => newProductOf(item, categories));
  const created = await deps.db.transaction(async (tx) => {
    const { inserted, takenSkus } = await insertProducts(tx, rows);
    const conflicts = conflictsOf(valid, rows, inserted, new Set(takenSkus));
    if (conflicts.length > 0) refuse(conflicts);
    const products = await findProductsByIds(
      tx,
      rows.map((row) => row.id),
    );
    await announceProducts(ctx, tx, 'created', products);
    return products;
  });
  await deps.cache.invalidate(productKeys(created));
  deps.metrics.productsCreated.inc(created.length);
  ctx.logger.info({ format: source.format, created: created.length }, 'products imported');
  return {
    created: created.length,
    products: valid.map((item, i) => ({ row: item.row, id: rows[i]!.id, slug: item.input.slug })),
  };
}

function newProductOf(item: ValidImport, categories: Map<string, string>): NewProduct {
  const document = newDocumentOf(item.input);
  return {
    id: randomUUID(),
    slug: item.input.slug,
    status: item.input.status ?? 'draft',
    categoryId: item.input.categorySlug ? categories.get(item.input.categorySlug)! : null,
    document,
    ...promotedColumnsOf(document),
  };
}

/** What the catalog already holds: slugs of other products, SKUs other products sell. */
function conflictsOf(valid: ValidImport[], rows: NewProduct[], inserted: Set<string>, taken: Set<string>) {
  return valid.flatMap((item, i): ImportError[] => {
    if (!inserted.has(rows[i]!.id))
      return [{ row: item.row, path: '/slug', message: 'another product has this slug' }];
    return item.input.variants.flatMap((variant, v) =>
      taken.has(variant.sku)
        ? [
            {
              row: rowOf(item, `/variants/${v}/sku`),
              path: `/variants/${v}/sku`,
              message: 'another product sells this SKU',
            },
          ]
        : [],
    );
  });
}

function refuse(errors: ImportError[]): never {
  throw productErrors.IMPORT_INVALID(`${errors.length} problem(s); nothing was imported`, {
    errorCount: errors.length,
    errors: errors.slice(0, maxListedErrors),
  });
}
