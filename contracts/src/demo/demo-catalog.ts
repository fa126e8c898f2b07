import { type Static, Type } from 'typebox';

/**
 * The demo data `npm start` seeds on first start, derived from the Livostyle
 * open catalog (MIT; see launcher/demo-data/README.md). Each service seeds
 * the part it owns from this one file: product the catalog, inventory the
 * warehouses and stock, user the demo accounts.
 */
export const DemoCategory = Type.Object(
  {
    slug: Type.String(),
    name: Type.String(),
    /** Slugs from the root down, this category last: ["apparel", "apparel-shoes"]. */
    path: Type.Array(Type.String()),
    parentSlug: Type.Union([Type.String(), Type.Null()]),
    position: Type.Integer(),
  },
  { additionalProperties: false },
);

export const DemoVariant = Type.Object(
  {
    sku: Type.String(),
    title: Type.String(),
    options: Type.Record(Type.String(), Type.String()),
    priceMinor: Type.Integer({ minimum: 0 }),
    compareAtMinor: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    /** Units on hand per warehouse id. */
    stock: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const DemoProduct = Type.Object(
  {
    sourceId: Type.String(),
    slug: Type.String(),
    title: Type.String(),
    description: Type.String(),
    brand: Type.Union([Type.String(), Type.Null()]),
    productType: Type.String(),
    categorySlug: Type.String(),
    tags: Type.Array(Type.String()),
    currency: Type.Literal('USD'),
    options: Type.Array(
      Type.Object(
        { name: Type.String(), values: Type.Array(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    variants: Type.Array(DemoVariant),
    imageUrl: Type.Union([Type.String(), Type.Null()]),
    rating: Type.Object({ count: Type.Integer(), average: Type.Number() }, { additionalProperties: false }),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);

export const DemoCatalog = Type.Object(
  {
    source: Type.Object(
      { name: Type.String(), url: Type.String(), licence: Type.String() },
      { additionalProperties: false },
    ),
    warehouses: Type.Array(
      Type.Object(
        { id: Type.String(), name: Type.String(), country: Type.String() },
        { additionalProperties: false },
      ),
    ),
    categories: Type.Array(DemoCategory),
    products: Type.Array(DemoProduct),
  },
  { additionalProperties: false },
);

export type DemoCatalog = Static<typeof DemoCatalog>;
export type DemoProduct = Static<typeof DemoProduct>;

/** Demo accounts: credentials come from the launcher (env or generated), never from the data file. */
export interface DemoAccounts {
  admin: { email: string; password: string; name: string };
  customer: { email: string; password: string; name: string };
}

export interface DemoData {
  catalog: DemoCatalog;
  accounts: DemoAccounts;
}
