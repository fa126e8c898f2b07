import { exportItemOf } from '../catalog-io/export-item.js';
import { csvHeaderLine, productCsvLines } from '../catalog-io/product-csv.js';
import { productsAfter } from '../db/products-export.query.js';
import type { ProductStatus } from '../domain/product.js';
import type { ProductDeps } from './deps.js';

const batchSize = 500;

/**
 * Admin: the catalog as CSV or JSON, streamed: products are read in batches
 * by id (a keyset walk, no transaction held open) and written as they come,
 * so memory stays flat whatever the catalog's size. Not a snapshot: a
 * product changed mid-export appears as it was when its batch was read.
 */
export async function* exportProducts(
  deps: ProductDeps,
  input: { format: 'csv' | 'json'; status?: ProductStatus | undefined },
): AsyncGenerator<string> {
  yield input.format === 'csv' ? csvHeaderLine() : '[';
  let afterId: string | undefined;
  let first = true;
  for (;;) {
    const batch = await productsAfter(deps.db, { afterId, status: input.status, limit: batchSize });
    if (batch.length === 0) break;
    const items = batch.map(exportItemOf);
    if (input.format === 'csv') yield items.map(productCsvLines).join('');
    else {
      yield `${first ? '\n' : ',\n'}${items.map((item) => JSON.stringify(item)).join(',\n')}`;
      first = false;
    }
    afterId = batch.at(-1)!.id;
    if (batch.length < batchSize) break;
  }
  if (input.format === 'json') yield '\n]\n';
}
