import { Type } from 'typebox';
import { defineEvent } from './define-event.js';
import { Currency, Id, MinorUnits, Nullable, Sku, Timestamp } from './shared-schemas.js';

const ProductVariant = Type.Object(
  {
    sku: Sku,
    title: Type.String(),
    priceMinor: MinorUnits,
    compareAtMinor: Nullable(MinorUnits),
    currency: Currency,
    options: Type.Record(Type.String(), Type.String(), {
      description: 'e.g. { "size": "M", "colour": "red" }',
    }),
  },
  { additionalProperties: false },
);

const ProductOption = Type.Object(
  { name: Type.String(), values: Type.Array(Type.String()) },
  { additionalProperties: false },
);

const ProductCategory = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    name: Type.String(),
    path: Type.Array(Type.String(), { description: 'slugs from the root down, this category last' }),
  },
  { additionalProperties: false },
);

const ProductRating = Type.Object(
  {
    count: Type.Integer({ minimum: 0 }),
    average: Type.Number({ minimum: 0, maximum: 5 }),
    histogram: Type.Optional(
      Type.Record(Type.String({ pattern: '^[1-5]$' }), Type.Integer({ minimum: 0 }), {
        description: 'approved reviews per star rating',
      }),
    ),
  },
  { additionalProperties: false },
);

const ProductImage = Type.Object(
  {
    id: Type.String({ description: 'content hash of the uploaded file' }),
    alt: Type.String(),
    width: Type.Integer({ minimum: 1 }),
    height: Type.Integer({ minimum: 1 }),
    urls: Type.Record(Type.String(), Type.String(), { description: 'rendition URL per box size in px' }),
  },
  { additionalProperties: false },
);

/**
 * The whole product document, so the search index and recommender never call
 * back. Fields marked optional were added after version 1 (additive): the
 * product service always sends them.
 */
const ProductDocument = {
  id: Id,
  slug: Type.String({ minLength: 1 }),
  title: Type.String({ minLength: 1 }),
  description: Type.String(),
  brand: Nullable(Type.String()),
  categorySlugs: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]),
  variants: Type.Array(ProductVariant, { minItems: 1 }),
  imageUrl: Nullable(Type.String()),
  updatedAt: Timestamp,
  category: Type.Optional(Nullable(ProductCategory)),
  productType: Type.Optional(Type.String()),
  options: Type.Optional(Type.Array(ProductOption)),
  rating: Type.Optional(ProductRating),
  images: Type.Optional(Type.Array(ProductImage)),
  createdAt: Type.Optional(Timestamp),
};

const consumers = ['search', 'recommendation', 'analytics'] as const;

export const productCreated = defineEvent({
  type: 'product.created',
  version: 1,
  producer: 'product',
  consumers,
  description: 'A product was added to the catalog (full document). Subject: product id.',
  payload: Type.Object(ProductDocument, { additionalProperties: false }),
});

export const productUpdated = defineEvent({
  type: 'product.updated',
  version: 1,
  producer: 'product',
  consumers,
  description:
    'A product, its variants or prices changed (full document after the change). Subject: product id.',
  payload: Type.Object(ProductDocument, { additionalProperties: false }),
});

export const productDeleted = defineEvent({
  type: 'product.deleted',
  version: 1,
  producer: 'product',
  consumers,
  description:
    'A product left the catalog (archived: a soft delete, the row stays for order history); ' +
    'its SKUs are no longer sold. Subject: product id.',
  payload: Type.Object(
    { id: Id, slug: Type.String(), skus: Type.Array(Sku), deletedAt: Timestamp },
    { additionalProperties: false },
  ),
});

export const productEvents = [productCreated, productUpdated, productDeleted] as const;
