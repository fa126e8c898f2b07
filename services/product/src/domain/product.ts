import { type Static, Type } from 'typebox';

/**
 * The product document (DESIGN §2: stored as JSONB): one schema gives the
 * stored shape, the API's request and response members and their types.
 */
export const ProductStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('active'),
  Type.Literal('archived'),
]);
export type ProductStatus = Static<typeof ProductStatus>;

export const Sku = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' });
const MinorUnits = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });

export const ProductOption = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    values: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const Variant = Type.Object(
  {
    sku: Sku,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    /** The value of each product option this variant stands for: `{ Size: "M", Color: "Red" }`. */
    options: Type.Record(Type.String(), Type.String()),
    priceMinor: MinorUnits,
    // Null first: the platform's ajv coerces types, and would turn null into 0 under an integer tried first.
    compareAtMinor: Type.Union([Type.Null(), MinorUnits]),
    currency: Currency,
  },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });

/** Approved reviews per star: kept beside the average, recomputed with every moderation. */
export const RatingHistogram = Type.Object(
  { '1': Count, '2': Count, '3': Count, '4': Count, '5': Count },
  { additionalProperties: false },
);

export const Rating = Type.Object(
  {
    count: Count,
    average: Type.Number({ minimum: 0, maximum: 5 }),
    // Absent on imported ratings (the demo catalog) whose breakdown is unknown.
    histogram: Type.Optional(RatingHistogram),
  },
  { additionalProperties: false },
);

/** An uploaded image; its id is the content hash of the file, so its URLs never change meaning. */
export const ProductImage = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    alt: Type.String({ maxLength: 300 }),
    width: Type.Integer({ minimum: 1 }),
    height: Type.Integer({ minimum: 1 }),
    /** Rendition URL per box size in px (`"480": "/api/v1/products/…/images/…/480"`). */
    urls: Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.String()),
  },
  { additionalProperties: false },
);

/** A tag never contains `|`: the CSV import/export separates tags with it. */
export const Tag = Type.String({ minLength: 1, maxLength: 60, pattern: '^[^|]+$' });
/** An image URL given by an admin is stored, never fetched; only http(s) or a path on this API. */
export const ImageUrl = Type.String({ maxLength: 2_000, pattern: '^(https?://|/(?!/))\\S*$' });
/** Three options at most (size × colour × material): what the CSV format and storefronts expect. */
export const maxOptions = 3;
export const maxImages = 50;

export const ProductDocument = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    description: Type.String({ maxLength: 20_000 }),
    brand: Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()]),
    productType: Type.String({ maxLength: 120 }),
    tags: Type.Array(Tag, { maxItems: 100 }),
    options: Type.Array(ProductOption, { maxItems: maxOptions }),
    variants: Type.Array(Variant, { minItems: 1, maxItems: 500 }),
    imageUrl: Type.Union([Type.String({ maxLength: 2_000 }), Type.Null()]),
    images: Type.Array(ProductImage, { maxItems: maxImages }),
    rating: Rating,
  },
  { additionalProperties: false },
);

export type ProductOption = Static<typeof ProductOption>;
export type Variant = Static<typeof Variant>;
export type ProductDocument = Static<typeof ProductDocument>;
export type ProductImage = Static<typeof ProductImage>;
export type Rating = Static<typeof Rating>;

/** Documents written before images existed lack the member: read them as having none. */
export function normalizedDocument(document: ProductDocument): ProductDocument {
  return document.images ? document : { ...document, images: [] };
}

/** The columns promoted out of the document, kept in step with it on every write. */
export function promotedColumnsOf(document: ProductDocument): { priceMinMinor: number; currency: string } {
  const lowest = lowestPriceOf(document.variants);
  return { priceMinMinor: lowest.priceMinor, currency: lowest.currency };
}

/** The cheapest variant's price: what listings show and sort by. */
export function lowestPriceOf(variants: Variant[]): { priceMinor: number; currency: string } {
  const cheapest = variants.reduce((min, variant) => (variant.priceMinor < min.priceMinor ? variant : min));
  return { priceMinor: cheapest.priceMinor, currency: cheapest.currency };
}
