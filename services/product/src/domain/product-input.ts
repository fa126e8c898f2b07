import { type Static, Type } from 'typebox';
import { ImageUrl, maxOptions, ProductDocument, ProductOption, ProductStatus, Tag } from './product.js';

export const Slug = Type.String({ minLength: 1, maxLength: 160, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });

/** What an admin sends to create a product (the JSON body, and one item of a JSON import). */
export const ProductInput = Type.Object(
  {
    slug: Slug,
    status: Type.Optional(ProductStatus),
    categorySlug: Type.Optional(Slug),
    title: ProductDocument.properties.title,
    description: Type.String({ maxLength: 20_000, default: '' }),
    brand: Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()], { default: null }),
    productType: Type.String({ maxLength: 120, default: '' }),
    tags: Type.Array(Tag, { maxItems: 100, default: [] }),
    options: Type.Array(ProductOption, { maxItems: maxOptions, default: [] }),
    variants: ProductDocument.properties.variants,
    imageUrl: Type.Union([ImageUrl, Type.Null()], { default: null }),
  },
  { additionalProperties: false },
);
export type ProductInput = Static<typeof ProductInput>;

/**
 * A partial update: members left out stay as they are. Arrays (`tags`,
 * `options`, `variants`) replace the stored ones whole: to add, change or
 * remove a variant, send the variant list as it should be.
 */
export const ProductPatch = Type.Object(
  {
    slug: Type.Optional(Slug),
    status: Type.Optional(ProductStatus),
    categorySlug: Type.Optional(Type.Union([Slug, Type.Null()])),
    title: Type.Optional(ProductInput.properties.title),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    // No defaults in a patch: ajv would fill a member the admin left out.
    brand: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()])),
    productType: Type.Optional(Type.String({ maxLength: 120 })),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 100 })),
    options: Type.Optional(ProductDocument.properties.options),
    variants: Type.Optional(ProductDocument.properties.variants),
    imageUrl: Type.Optional(Type.Union([ImageUrl, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ProductPatch = Static<typeof ProductPatch>;
