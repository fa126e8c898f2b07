import { defineErrors } from '@emporium/platform/http/errors';

export const productErrors = defineErrors({
  PRODUCT_NOT_FOUND: { status: 404, title: 'No such product' },
  SKU_NOT_FOUND: { status: 404, title: 'No product has this SKU' },
  CATEGORY_NOT_FOUND: { status: 404, title: 'No such category' },
  PRODUCT_SLUG_TAKEN: { status: 409, title: 'Another product already has this slug' },
  SKU_TAKEN: { status: 409, title: 'Another product already has one of these SKUs' },
  CATEGORY_SLUG_TAKEN: { status: 409, title: 'Another category already has this slug' },
  INVALID_PRODUCT: { status: 422, title: 'The product is not consistent' },
});
