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

export const Rating = Type.Object(
  { count: Type.Integer({ minimum: 0 }), average: Type.Number({ minimum: 0, maximum: 5 }) },
  { additionalProperties: false },
);

export const ProductDocument = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    description: Type.String({ maxLength: 20_000 }),
    brand: Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()]),
    productType: Type.String({ maxLength: 120 }),
    tags: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 100 }),
    options: Type.Array(ProductOption, { maxItems: 10 }),
    variants: Type.Array(Variant, { minItems: 1, maxItems: 500 }),
    imageUrl: Type.Union([Type.String({ maxLength: 2_000 }), Type.Null()]),
    rating: Rating,
  },
  { additionalProperties: false },
);

export type ProductOption = Static<typeof ProductOption>;
export type Variant = Static<typeof Variant>;
export type ProductDocument = Static<typeof ProductDocument>;

/** The cheapest variant's price: what listings show and sort by. */
export function lowestPriceOf(variants: Variant[]): { priceMinor: number; currency: string } {
  const cheapest = variants.reduce((min, variant) => (variant.priceMinor < min.priceMinor ? variant : min));
  return { priceMinor: cheapest.priceMinor, currency: cheapest.currency };
}
