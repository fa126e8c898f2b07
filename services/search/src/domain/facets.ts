export interface FacetValue {
  value: string;
  count: number;
}

export interface PriceRangeCount {
  /** Inclusive lower bound, in minor units. */
  fromMinor: number;
  /** Exclusive upper bound; null for the open-ended top range. */
  toMinor: number | null;
  count: number;
}

export interface Facets {
  brand: FacetValue[];
  /** Every level of the tree: a product counts under its category and each ancestor. */
  category: FacetValue[];
  price: PriceRangeCount[];
}

/** The price ranges shoppers filter by, on the lowest variant price, in minor units. */
export const priceRanges: ReadonlyArray<{ fromMinor: number; toMinor: number | null }> = [
  { fromMinor: 0, toMinor: 2_500 },
  { fromMinor: 2_500, toMinor: 5_000 },
  { fromMinor: 5_000, toMinor: 10_000 },
  { fromMinor: 10_000, toMinor: 20_000 },
  { fromMinor: 20_000, toMinor: null },
];

export const maxBrandFacets = 20;
export const maxCategoryFacets = 50;
