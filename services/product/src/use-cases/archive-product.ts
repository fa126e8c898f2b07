import type { RequestContext } from '@emporium/platform/http/request-context';
import type { ProductDeps } from './deps.js';
import { updateProduct } from './update-product.js';

/**
 * Admin `DELETE`: a soft delete. The product is archived (kept for order
 * history and reviews; its SKUs stay reserved so no other product reuses
 * them) and `product.deleted` tells search, recommendation and inventory it
 * left the catalog. Deleting an archived product again changes nothing.
 * There is no hard delete: whether orders reference a product is the order
 * service's knowledge, not this one's.
 */
export async function archiveProduct(deps: ProductDeps, ctx: RequestContext, id: string): Promise<void> {
  await updateProduct(deps, ctx, id, { status: 'archived' });
}
