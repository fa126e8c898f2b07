export interface FacetValue {
  value: string;
  count: number;
}

export interface CategoryFacetValue extends FacetValue {
  /** The category's name (its slug read as words when the catalog never named it). */
  name: string;
  /** The parent's slug; null for a root. With it, a client rebuilds the tree. */
  parent: string | null;
  /** 0 for a root. */
  depth: number;
}

export interface AttributeFacet {
  /** Lower-case attribute name, as filtered by `attr.<name>=`. */
  name: string;
  values: FacetValue[];
}

export interface PriceRangeCount {
  /** Inclusive lower bound, in minor units. */
  fromMinor: number;
  /** Exclusive upper bound; null for the open-ended top range. */
  toMinor: number | null;
  count: number;
}

export interface RatingCount {
  /** Products rated at least this (as filtered by `minRating`). */
  minRating: number;
  count: number;
}

export interface Facets {
  brand: FacetValue[];
  /** Every level of the tree: a product counts under its category and each ancestor. */
  category: CategoryFacetValue[];
  price: PriceRangeCount[];
  attributes: AttributeFacet[];
  rating: RatingCount[];
  availability: { inStock: number; outOfStock: number };
}

/** The price ranges shoppers filter by, on the lowest variant price, in minor units. */
export const priceRanges: ReadonlyArray<{ fromMinor: number; toMinor: number | null }> = [
  { fromMinor: 0, toMinor: 2_500 },
  { fromMinor: 2_500, toMinor: 5_000 },
  { fromMinor: 5_000, toMinor: 10_000 },
  { fromMinor: 10_000, toMinor: 20_000 },
  { fromMinor: 20_000, toMinor: null },
];

/** "4 stars & up", ...: cumulative, as shops show them. */
export const ratingThresholds: readonly number[] = [4, 3, 2, 1];

export const maxBrandFacets = 20;
export const maxCategoryFacets = 50;
export const maxAttributeFacets = 10;
export const maxAttributeValues = 20;
