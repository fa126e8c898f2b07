/** What the index knows of one product: enough to match, filter, facet and show a hit. */
export interface SearchDocument {
  productId: string;
  slug: string;
  title: string;
  description: string;
  brand: string | null;
  /** The product's category and its ancestors, root first. */
  categorySlugs: string[];
  /** Their names, same order (searchable, and the facet labels). */
  categoryNames: string[];
  tags: string[];
  /** Every variant's SKU. */
  skus: string[];
  priceMinMinor: number;
  priceMaxMinor: number;
  currency: string;
  inStock: boolean;
  rating: number;
  popularity: number;
  imageUrl: string | null;
  /** Option values by lower-case option name: `{ size: ['S', 'M'], colour: ['Red'] }`. */
  attributes: Record<string, string[]>;
  createdAt: Date;
  /** The catalog version indexed (its `updatedAt`); null for documents from the demo seed. */
  sourceUpdatedAt: Date | null;
}

/**
 * Option values by lower-case option name, in first-seen order, from the
 * variants' options (`{ Size: 'M', Colour: 'Red' }`) and any product-level
 * option lists: the attribute facets and `attr.<name>` filters read them.
 */
export function attributesOf(
  variants: ReadonlyArray<{ options: Record<string, string> }>,
  options: ReadonlyArray<{ name: string; values: readonly string[] }> = [],
): Record<string, string[]> {
  const attributes = new Map<string, Set<string>>();
  const add = (name: string, value: string) => {
    const key = attributeKeyOf(name);
    const text = value.trim();
    if (key === '' || text === '') return;
    const values = attributes.get(key) ?? new Set<string>();
    values.add(text);
    attributes.set(key, values);
  };
  for (const variant of variants) {
    for (const [name, value] of Object.entries(variant.options)) add(name, value);
  }
  for (const option of options) for (const value of option.values) add(option.name, value);
  return Object.fromEntries([...attributes].map(([key, values]) => [key, [...values]]));
}

/** `Colour` and ` colour ` name the same attribute. */
export const attributeKeyOf = (name: string) => name.trim().toLowerCase();

/** A slug read as words (`running-shoes` → `running shoes`): the label of a category whose name is unknown. */
export const labelOfSlug = (slug: string) => slug.replaceAll('-', ' ');
