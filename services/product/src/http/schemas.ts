import { maxPageLimit, pageOf, pageQuery } from '@emporium/platform/http/keyset-page';
import { Type } from 'typebox';
import { ProductDocument, ProductOption, ProductStatus, Rating, Sku, Variant } from '../domain/product.js';
import { ProductSort } from '../domain/product-listing.js';

export const Slug = Type.String({ minLength: 1, maxLength: 160, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
/** A product's UUID or its slug; loose on purpose, the lookup decides. */
export const IdOrSlug = Type.String({ minLength: 1, maxLength: 200 });
const Id = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });

export const CategoryRef = Type.Object(
  { id: Id, slug: Type.String(), name: Type.String() },
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
    // Listing drafts and archived products becomes admin-only with authentication.
    status: Type.Union(ProductStatus.anyOf, { default: 'active' }),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    sort: Type.Union(ProductSort.anyOf, { default: 'newest' }),
    limit: Type.Integer({ minimum: 1, maximum: maxPageLimit, default: 24 }),
    cursor: pageQuery.cursor,
  },
  { additionalProperties: false },
);

export const ProductInput = Type.Object(
  {
    slug: Slug,
    status: Type.Optional(ProductStatus),
    categorySlug: Type.Optional(Slug),
    title: ProductDocument.properties.title,
    description: Type.String({ maxLength: 20_000, default: '' }),
    brand: Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()], { default: null }),
    productType: Type.String({ maxLength: 120, default: '' }),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 100, default: [] }),
    options: Type.Array(ProductOption, { maxItems: 10, default: [] }),
    variants: ProductDocument.properties.variants,
    imageUrl: Type.Union([Type.String({ format: 'uri', maxLength: 2_000 }), Type.Null()], { default: null }),
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
