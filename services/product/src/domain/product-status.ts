import type { ProductStatus } from './product.js';

/**
 * Who may follow whom. Archived is the soft delete: a product comes back from
 * it only as a draft, so it is reviewed again before it is sold again.
 */
const transitions: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ['active', 'archived'],
  active: ['draft', 'archived'],
  archived: ['draft'],
};

export function canMoveTo(from: ProductStatus, to: ProductStatus): boolean {
  return from === to || transitions[from].includes(to);
}
