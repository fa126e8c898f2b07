import { defineErrors } from '@emporium/platform/http/errors';

export const productErrors = defineErrors({
  PRODUCT_NOT_FOUND: { status: 404, title: 'No such product' },
  SKU_NOT_FOUND: { status: 404, title: 'No product has this SKU' },
  CATEGORY_NOT_FOUND: { status: 404, title: 'No such category' },
  IMAGE_NOT_FOUND: { status: 404, title: 'No such image' },
  REVIEW_NOT_FOUND: { status: 404, title: 'No such review' },
  PRODUCT_SLUG_TAKEN: { status: 409, title: 'Another product already has this slug' },
  SKU_TAKEN: { status: 409, title: 'Another product already has one of these SKUs' },
  CATEGORY_SLUG_TAKEN: { status: 409, title: 'Another category already has this slug' },
  CATEGORY_NOT_EMPTY: { status: 409, title: 'The category still has products or subcategories' },
  CATEGORY_CYCLE: { status: 409, title: 'A category cannot move under itself or its descendants' },
  INVALID_STATUS_TRANSITION: { status: 409, title: 'The product cannot move to this status' },
  PRODUCT_ARCHIVED: { status: 409, title: 'An archived product can only be restored as a draft' },
  REVIEW_EXISTS: { status: 409, title: 'You have already reviewed this product' },
  TOO_MANY_IMAGES: { status: 409, title: 'The product has as many images as it may' },
  INVALID_PRODUCT: { status: 422, title: 'The product is not consistent' },
  IMPORT_INVALID: { status: 422, title: 'The import has invalid rows; nothing was imported' },
  IMAGE_REQUIRED: { status: 400, title: 'Send the image as a multipart/form-data part named "file"' },
  IMAGE_TOO_LARGE: { status: 413, title: 'The image is larger than allowed' },
  IMAGE_UNSUPPORTED: { status: 415, title: 'The file is not an image of a supported type' },
  IMAGE_UNREADABLE: { status: 422, title: 'The image could not be decoded' },
});
