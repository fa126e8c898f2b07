/**
 * A realistic synthetic order history over the demo catalog, for the
 * offline evaluation (there is no real one). Seeded, so every run produces
 * the same history. How it is made:
 *
 * - Popularity skew: products get a Zipf-like weight 1 / (rank + 10) over a
 *   random permutation, so a few sell a lot and most sell rarely.
 * - Category affinity: each customer favours 1 to 3 categories (drawn by
 *   category size) and one style tag (boho, casual, vacation, ...); 80 % of
 *   their items come from the favourite categories, with products carrying
 *   their style tag three times as likely.
 * - Co-purchase bundles: 400 bundles of an anchor product and 1 to 3
 *   complements from other categories (the dress with its belt and
 *   earrings); 35 % of orders buy a bundle whose anchor is in one of the
 *   customer's categories, whole or in part; a complement left out is
 *   bought in a later order half of the time ("complete the look").
 * - Time: customers arrive over the year; each places a geometric number of
 *   orders (mean ~3) spread over the days after arriving; an order has 1
 *   to 3 lines otherwise. Nobody buys the same product twice.
 */
import { cumulativeOf, seededRandom, weightedIndex } from './seeded-random.js';

export interface CatalogItem {
  productId: string;
  category: string;
  tags: readonly string[];
}

export interface SyntheticOrder {
  orderId: string;
  customerId: string;
  productIds: string[];
  placedAt: Date;
}

export interface SyntheticSettings {
  seed: number;
  customers: number;
  bundles: number;
  /** Chance an order is a bundle purchase. */
  bundleShare: number;
  /** Chance an order line comes from the customer's favourite categories. */
  affinityShare: number;
  days: number;
  end: Date;
}

export const defaultSyntheticSettings: SyntheticSettings = {
  seed: 20_261_128,
  customers: 3_000,
  bundles: 400,
  bundleShare: 0.35,
  affinityShare: 0.8,
  days: 365,
  end: new Date('2026-11-01T00:00:00Z'),
};

const styleTags = ['boho', 'casual', 'vacation', 'elegant', 'vintage', 'summer', 'party', 'office', 'beach'];
const dayMs = 86_400_000;

export function generateOrders(
  catalog: readonly CatalogItem[],
  settings: SyntheticSettings = defaultSyntheticSettings,
): SyntheticOrder[] {
  const random = seededRandom(settings.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  // Popularity: a random permutation ranked by Zipf weights.
  const order = catalog.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const popularity = new Array<number>(catalog.length);
  order.forEach((productIndex, rank) => {
    popularity[productIndex] = 1 / (rank + 10);
  });
  const globalCumulative = cumulativeOf(popularity);

  const byCategory = new Map<string, number[]>();
  catalog.forEach((item, i) => {
    const list = byCategory.get(item.category) ?? [];
    list.push(i);
    byCategory.set(item.category, list);
  });
  const categories = [...byCategory.keys()];
  const categoryCumulative = cumulativeOf(categories.map((c) => byCategory.get(c)!.length));
  const lowerTags = catalog.map((item) => new Set(item.tags.map((t) => t.toLowerCase())));

  /** A product of the category, by popularity, the style tag tripling the odds. */
  const cache = new Map<string, { members: number[]; cumulative: number[] }>();
  const fromCategory = (category: string, style: string): number => {
    const key = `${category}|${style}`;
    let entry = cache.get(key);
    if (!entry) {
      const members = byCategory.get(category)!;
      entry = {
        members,
        cumulative: cumulativeOf(members.map((i) => popularity[i]! * (lowerTags[i]!.has(style) ? 3 : 1))),
      };
      cache.set(key, entry);
    }
    return entry.members[weightedIndex(random, entry.cumulative)]!;
  };

  const bundles = Array.from({ length: settings.bundles }, () => {
    const anchor = weightedIndex(random, globalCumulative);
    const size = 1 + Math.floor(random() * 3);
    const complements = new Set<number>();
    for (let tries = 0; complements.size < size && tries < 20; tries += 1) {
      const candidate = weightedIndex(random, globalCumulative);
      if (catalog[candidate]!.category !== catalog[anchor]!.category) complements.add(candidate);
    }
    return [anchor, ...complements];
  });
  const bundlesByCategory = new Map<string, number[][]>();
  for (const bundle of bundles) {
    const category = catalog[bundle[0]!]!.category;
    bundlesByCategory.set(category, [...(bundlesByCategory.get(category) ?? []), bundle]);
  }

  const orders: SyntheticOrder[] = [];
  const start = settings.end.getTime() - settings.days * dayMs;
  for (let c = 0; c < settings.customers; c += 1) {
    const customerId = `customer-${c}`;
    const favourites = Array.from(
      { length: 1 + Math.floor(random() * 3) },
      () => categories[weightedIndex(random, categoryCumulative)]!,
    );
    const style = pick(styleTags);
    const bought = new Set<number>();
    const pending: number[] = [];
    let orderCount = 1;
    while (random() < 0.67 && orderCount < 15) orderCount += 1;
    const arrival = start + random() * settings.days * dayMs * 0.9;
    const times = Array.from(
      { length: orderCount },
      () => arrival + random() * (settings.end.getTime() - arrival),
    ).sort((a, b) => a - b);
    for (const [n, time] of times.entries()) {
      const lines: number[] = [];
      const favourite = pick(favourites);
      const bundleChoices = bundlesByCategory.get(favourite);
      if (pending.length > 0 && random() < 0.5) {
        lines.push(pending.shift()!);
      } else if (bundleChoices && random() < settings.bundleShare) {
        const bundle = pick(bundleChoices);
        lines.push(bundle[0]!);
        for (const complement of bundle.slice(1)) {
          if (random() < 0.5) lines.push(complement);
          else pending.push(complement);
        }
      } else {
        const count = 1 + Math.floor(random() * random() * 3);
        for (let i = 0; i < count; i += 1) {
          lines.push(
            random() < settings.affinityShare
              ? fromCategory(pick(favourites), style)
              : weightedIndex(random, globalCumulative),
          );
        }
      }
      const fresh = [...new Set(lines)].filter((i) => !bought.has(i));
      if (fresh.length === 0) continue;
      for (const i of fresh) bought.add(i);
      orders.push({
        orderId: `order-${c}-${n}`,
        customerId,
        productIds: fresh.map((i) => catalog[i]!.productId),
        placedAt: new Date(Math.round(time)),
      });
    }
  }
  return orders.sort(
    (a, b) => a.placedAt.getTime() - b.placedAt.getTime() || (a.orderId < b.orderId ? -1 : 1),
  );
}
