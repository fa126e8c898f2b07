/** What the index knows of one product: enough to match, filter, facet and show a hit. */
export interface SearchDocument {
  productId: string;
  slug: string;
  title: string;
  description: string;
  brand: string | null;
  /** The product's category and its ancestors, root first. */
  categorySlugs: string[];
  tags: string[];
  priceMinMinor: number;
  priceMaxMinor: number;
  currency: string;
  inStock: boolean;
  rating: number;
  popularity: number;
  imageUrl: string | null;
  attributes: Record<string, string[]>;
  createdAt: Date;
}
