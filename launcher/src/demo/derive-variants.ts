import type { DemoProduct } from '@emporium/contracts/demo/demo-catalog';

/**
 * The source lists only how many variants a product has, so sizes, prices
 * per size, sales and stock are made up here, deterministically: every roll
 * is a hash of the source id or SKU.
 */
export type DemoVariant = DemoProduct['variants'][number];

export const DEMO_WAREHOUSES = [
  { id: 'eu-central', name: 'Frankfurt', country: 'DE' },
  { id: 'us-east', name: 'Newark', country: 'US' },
];

export const CLOTHING_SIZES = ['XS', 'S', 'M', 'L', 'XL', '2XL'];
export const SHOE_SIZES = ['36', '37', '38', '39', '40', '41', '42', '43'];
export const ONE_SIZE = 'One Size';
/** inventory's default lowStockThreshold: ordinary stock stays above it, so only the chosen ~3% alert. */
const LOW_STOCK_THRESHOLD = 5;

/** FNV-1a with a murmur3 finaliser, so `hash % n` is evenly spread even for small n. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export type SizeKind = 'shoes' | 'clothing' | 'one-size';
const SHOE_TYPE =
  /\b(shoes?|sandals?|boots?|booties|sneakers?|heels|flats|loafers?|slippers?|mules?|pumps?|clogs?)\b/;
const ONE_SIZE_TYPE =
  /\b(rings?|earrings?|necklaces?|bracelets?|jewelry|brooch|pendant|keychain|chain|bags?|handbags?|backpack|wallets?|pouch|purse|satchel|case|belts?|sunglasses|hats?|caps?|beanie|visor|earmuffs|wigs?|scrunchy|headband|scarf|socks|stockings|leg warmers)\b/;
const ONE_SIZE_CATEGORY = /(^|>)\s*(Jewelry|Handbags, Wallets & Cases|Clothing Accessories)\s*(>|$)/;
const SHOE_CATEGORY = /(^|>)\s*Shoes\s*(>|$)/;

/**
 * By product type, since some categories are wrong in the source (blouses
 * filed under handbags); the category path decides only when the type is empty.
 */
export function sizeKindOf(productType: string, categoryPath: string): SizeKind {
  const type = productType.toLowerCase();
  if (SHOE_TYPE.test(type)) return 'shoes';
  if (ONE_SIZE_TYPE.test(type)) return 'one-size';
  if (type.trim() !== '') return 'clothing';
  if (SHOE_CATEGORY.test(categoryPath)) return 'shoes';
  return ONE_SIZE_CATEGORY.test(categoryPath) ? 'one-size' : 'clothing';
}

/** `variantCount` sizes from the middle of the size run (S, M, L for 3), or just "One Size". */
export function sizesFor(kind: SizeKind, variantCount: number): string[] {
  const run = kind === 'shoes' ? SHOE_SIZES : kind === 'clothing' ? CLOTHING_SIZES : [];
  if (run.length === 0 || !(variantCount > 1)) return [ONE_SIZE];
  const count = Math.min(Math.floor(variantCount), run.length);
  const start = Math.floor((run.length - count) / 2);
  return run.slice(start, start + count);
}

/** From min to max across the sizes; in whole dollars when the spread allows, keeping the .99 endings. */
export function pricesFor(minMinor: number, maxMinor: number, count: number): number[] {
  const spread = Math.max(0, maxMinor - minMinor);
  const step = spread % 100 === 0 ? 100 : 1;
  return Array.from({ length: count }, (_, i) =>
    count === 1 ? minMinor : minMinor + Math.round(((spread / step) * i) / (count - 1)) * step,
  );
}

/** About 20% above the price, rounded up to the next .99, as a "was" price. */
export function compareAtFor(priceMinor: number): number {
  return Math.max(priceMinor + 1, Math.ceil((priceMinor * 12) / 1000) * 100 - 1);
}

/** `LS-<sourceId>-<SIZE>` in [A-Z0-9-]: "One Size" → "ONE-SIZE". */
export function skuOf(sourceId: string, size: string): string {
  return `LS-${sourceId}-${size}`
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** 0 or 6..40 per warehouse; ~3% of SKUs get 1..3 everywhere (low stock); all 0 when out of stock. */
export function stockFor(sku: string, inStock: boolean): Record<string, number> {
  const low = hashOf(`${sku}:low`) % 100 < 3;
  return Object.fromEntries(
    DEMO_WAREHOUSES.map(({ id }) => {
      const roll = hashOf(`${sku}:${id}`);
      if (!inStock) return [id, 0];
      if (low) return [id, 1 + (roll % 3)];
      const onHand = roll % (41 - LOW_STOCK_THRESHOLD);
      return [id, onHand === 0 ? 0 : onHand + LOW_STOCK_THRESHOLD];
    }),
  );
}

/** One variant per size; about one product in eight is on sale (a compare-at price on every size). */
export function deriveVariants(input: {
  sourceId: string;
  sizes: string[];
  minMinor: number;
  maxMinor: number;
  inStock: boolean;
}): DemoVariant[] {
  const onSale = hashOf(`${input.sourceId}:sale`) % 8 === 0;
  const prices = pricesFor(input.minMinor, input.maxMinor, input.sizes.length);
  return input.sizes.map((size, i) => {
    const sku = skuOf(input.sourceId, size);
    const priceMinor = prices[i]!;
    return {
      sku,
      title: size,
      options: { Size: size },
      priceMinor,
      compareAtMinor: onSale ? compareAtFor(priceMinor) : null,
      stock: stockFor(sku, input.inStock),
    };
  });
}
