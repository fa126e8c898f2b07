import { maxPageLimit, pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { ProductDocument, ProductStatus, Rating, Sku, Variant } from '../domain/product.js';
import { Slug } from '../domain/product-input.js';
import { ProductSort } from '../domain/product-listing.js';

export { ProductInput, ProductPatch, Slug } from '../domain/product-input.js';
/** A product's UUID or its slug; loose on purpose, the lookup decides. */
export const IdOrSlug = Type.String({ minLength: 1, maxLength: 200 });
const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const Timestamp = Type.String({ format: 'date-time' });

export const CategoryRef = Type.Object(
  { id: Id, slug: Type.String(), name: Type.String(), path: Type.Array(Type.String()) },
  { additionalProperties: false },
);

export const Product = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    status: ProductStatus,
    category: Type.Union([CategoryRef, Type.Null()]),
    ...ProductDocument.properties,
    priceMinMinor: Type.Integer(),
    currency: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);

export const ProductSummary = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    status: ProductStatus,
    categorySlug: Type.Union([Type.String(), Type.Null()]),
    title: Type.String(),
    brand: Type.Union([Type.String(), Type.Null()]),
    imageUrl: Type.Union([Type.String(), Type.Null()]),
    rating: Rating,
    priceMinMinor: Type.Integer(),
    currency: Type.String(),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export const ProductPage = pageOf(ProductSummary);

export const ProductListQuery = Type.Object(
  {
    category: Type.Optional(Slug),
    // Drafts and archived products are listed only for callers with products:write.
    status: Type.Union(ProductStatus.anyOf, { default: 'active' }),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    sort: Type.Union(ProductSort.anyOf, { default: 'newest' }),
    limit: Type.Integer({ minimum: 1, maximum: maxPageLimit, default: 24 }),
    cursor: pageQuery.cursor,
  },
  { additionalProperties: false },
);

export const SkuParams = Type.Object({ sku: Sku }, { additionalProperties: false });

export const SkuPrice = Type.Object(
  {
    productId: Id,
    slug: Type.String(),
    sku: Variant.properties.sku,
    title: Type.String(),
    variantTitle: Type.String(),
    priceMinor: Type.Integer(),
    compareAtMinor: Type.Union([Type.Integer(), Type.Null()]),
    currency: Type.String(),
    status: ProductStatus,
  },
  { additionalProperties: false },
);
