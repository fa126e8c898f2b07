import type { DemoCatalog, DemoData, DemoProduct } from '@emporium/contracts/demo/demo-catalog';

/** The catalog sizes the benchmarks are run at. */
export const catalogSizes = [10_000, 50_000, 100_000] as const;

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same catalog on every machine. */
function randomOf(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[], count: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < Math.min(count, list.length)) chosen.add(pick(list));
    return [...chosen];
  };
  return { next, int, pick, some };
}

const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Each department: its sub-departments, the nouns its products are named with, and its options. */
const departments = [
  {
    name: 'Apparel',
    groups: ['Tops', 'Bottoms', 'Outerwear', 'Dresses', 'Knitwear'],
    nouns: [
      'Hoodie',
      'Shirt',
      'Blouse',
      'Jacket',
      'Coat',
      'Sweater',
      'Cardigan',
      'Jeans',
      'Chinos',
      'Skirt',
      'Dress',
      'Parka',
      'Vest',
      'Polo',
      'Tee',
    ],
    options: 'apparel',
  },
  {
    name: 'Footwear',
    groups: ['Sneakers', 'Boots', 'Sandals', 'Formal', 'Slippers'],
    nouns: [
      'Sneakers',
      'Boots',
      'Sandals',
      'Loafers',
      'Trainers',
      'Slippers',
      'Oxfords',
      'Mules',
      'Clogs',
      'Espadrilles',
    ],
    options: 'shoes',
  },
  {
    name: 'Electronics',
    groups: ['Audio', 'Computers', 'Phones', 'Cameras', 'Gaming'],
    nouns: [
      'Headphones',
      'Speaker',
      'Earbuds',
      'Laptop',
      'Tablet',
      'Monitor',
      'Keyboard',
      'Mouse',
      'Camera',
      'Charger',
      'Router',
      'Controller',
    ],
    options: 'colour',
  },
  {
    name: 'Home',
    groups: ['Kitchen', 'Lighting', 'Furniture', 'Bedding', 'Decor'],
    nouns: [
      'Lamp',
      'Vase',
      'Mug',
      'Kettle',
      'Pan',
      'Chair',
      'Table',
      'Sofa',
      'Pillow',
      'Blanket',
      'Rug',
      'Mirror',
      'Shelf',
      'Candle',
    ],
    options: 'colour',
  },
  {
    name: 'Beauty',
    groups: ['Skincare', 'Haircare', 'Fragrance', 'Makeup', 'Bath'],
    nouns: [
      'Serum',
      'Cream',
      'Cleanser',
      'Shampoo',
      'Conditioner',
      'Perfume',
      'Lipstick',
      'Mascara',
      'Soap',
      'Lotion',
    ],
    options: 'none',
  },
  {
    name: 'Sports',
    groups: ['Running', 'Cycling', 'Yoga', 'Camping', 'Swimming'],
    nouns: [
      'Backpack',
      'Bottle',
      'Mat',
      'Tent',
      'Helmet',
      'Gloves',
      'Shorts',
      'Leggings',
      'Goggles',
      'Jersey',
    ],
    options: 'apparel',
  },
  {
    name: 'Toys',
    groups: ['Puzzles', 'Building', 'Dolls', 'Outdoor', 'Games'],
    nouns: ['Puzzle', 'Blocks', 'Doll', 'Kite', 'Robot', 'Train', 'Board Game', 'Plush', 'Ball', 'Car'],
    options: 'none',
  },
  {
    name: 'Garden',
    groups: ['Tools', 'Planters', 'Furniture', 'Lighting', 'Watering'],
    nouns: [
      'Shovel',
      'Planter',
      'Hose',
      'Bench',
      'Lantern',
      'Pruner',
      'Rake',
      'Sprinkler',
      'Trowel',
      'Hammock',
    ],
    options: 'colour',
  },
] as const;

const leafKinds = ['Essentials', 'Premium', 'Outlet'];
const adjectives = [
  'Classic',
  'Modern',
  'Vintage',
  'Compact',
  'Deluxe',
  'Everyday',
  'Urban',
  'Rustic',
  'Sleek',
  'Cozy',
  'Rugged',
  'Lightweight',
  'Organic',
  'Wireless',
  'Handmade',
  'Minimal',
  'Bold',
  'Soft',
  'Smart',
  'Portable',
  'Eco',
  'Pro',
  'Ultra',
  'Heritage',
  'Nordic',
  'Coastal',
  'Alpine',
  'Studio',
  'Travel',
  'Signature',
];
const materials = [
  'Cotton',
  'Linen',
  'Wool',
  'Leather',
  'Denim',
  'Bamboo',
  'Steel',
  'Ceramic',
  'Oak',
  'Walnut',
  'Glass',
  'Silk',
  'Canvas',
  'Suede',
  'Cashmere',
  'Velvet',
  'Aluminium',
  'Rattan',
  'Marble',
  'Copper',
];
const colours = [
  'Black',
  'White',
  'Navy',
  'Grey',
  'Red',
  'Green',
  'Blue',
  'Beige',
  'Brown',
  'Pink',
  'Olive',
  'Yellow',
];
const sizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const shoeSizes = ['37', '38', '39', '40', '41', '42', '43', '44', '45'];
const tagWords = [
  'bestseller',
  'new',
  'sale',
  'gift',
  'eco',
  'summer',
  'winter',
  'limited',
  'classic',
  'travel',
  'outdoor',
  'office',
  'kids',
  'vegan',
  'recycled',
  'handmade',
  'premium',
  'basics',
  'trending',
  'essentials',
];
const syllables = [
  'ka',
  'lo',
  'mi',
  'ra',
  'ven',
  'tor',
  'sa',
  'nel',
  'do',
  'fi',
  'ar',
  'bel',
  'cor',
  'lu',
  'mar',
  'no',
  'pe',
  'quin',
  'ste',
  'vi',
];
const sentences = [
  'Made to last, with attention to every detail.',
  'A dependable choice for every day.',
  'Designed in our studio and tested by people who use it daily.',
  'Easy to care for and built for comfort.',
  'Pairs well with the rest of the collection.',
  'Responsibly sourced materials throughout.',
  'Thoughtful design that fits modern living.',
];

/** The nouns products are named with: what the search benchmark queries for. */
export const catalogNouns = departments.flatMap((department) => department.nouns);
export { adjectives as catalogAdjectives, colours as catalogColours };

/**
 * A deterministic catalog of `size` products in the demo catalog's shape
 * (so each service seeds it with its own bulk seeding, as `npm start` does
 * with the real demo): 8 departments × 5 groups × 3 leaves, 400 brands,
 * 1 to 12 variants built from size × colour options, prices, stock, ratings.
 */
export function generateCatalog(size: number, seed = 2026): DemoData {
  const random = randomOf(seed);
  const categories: DemoCatalog['categories'] = [];
  const leaves: Array<{ slug: string; department: (typeof departments)[number] }> = [];
  departments.forEach((department, d) => {
    const root = slugOf(department.name);
    categories.push({ slug: root, name: department.name, path: [root], parentSlug: null, position: d });
    department.groups.forEach((group, g) => {
      const groupSlug = `${root}-${slugOf(group)}`;
      categories.push({
        slug: groupSlug,
        name: group,
        path: [root, groupSlug],
        parentSlug: root,
        position: g,
      });
      leafKinds.forEach((kind, k) => {
        const leaf = `${groupSlug}-${slugOf(kind)}`;
        categories.push({
          slug: leaf,
          name: `${group} ${kind}`,
          path: [root, groupSlug, leaf],
          parentSlug: groupSlug,
          position: k,
        });
        leaves.push({ slug: leaf, department });
      });
    });
  });
  const brands = Array.from({ length: 400 }, () => {
    const name = random.some(syllables, random.int(2, 3)).join('');
    return name[0]!.toUpperCase() + name.slice(1);
  });

  const start = Date.UTC(2024, 0, 1);
  const products: DemoProduct[] = [];
  for (let i = 0; i < size; i++) {
    const leaf = random.pick(leaves);
    const noun = random.pick(leaf.department.nouns);
    const title = `${random.pick(adjectives)} ${random.pick(materials)} ${noun}`;
    const optionValues: Array<{ name: string; values: string[] }> = [];
    const kind = leaf.department.options;
    if (kind === 'apparel')
      optionValues.push({ name: 'Size', values: sizes.slice(random.int(0, 2), random.int(3, 6)) });
    if (kind === 'shoes') {
      const from = random.int(0, 4);
      optionValues.push({ name: 'Size', values: shoeSizes.slice(from, from + random.int(2, 5)) });
    }
    if (kind !== 'none')
      optionValues.push({ name: 'Colour', values: random.some(colours, random.int(1, 3)) });
    let combos: Array<Record<string, string>> = [{}];
    for (const option of optionValues) {
      combos = combos.flatMap((combo) => option.values.map((value) => ({ ...combo, [option.name]: value })));
    }
    combos = combos.slice(0, 12);
    const price = random.int(5, 500) * 100 - 1;
    const sourceId = `bench-${i}`;
    products.push({
      sourceId,
      slug: `${slugOf(title)}-${i}`,
      title,
      description: `${title} by our ${leaf.department.name.toLowerCase()} team. ${random.pick(sentences)} ${random.pick(sentences)}`,
      brand: random.next() < 0.05 ? null : random.pick(brands),
      productType: noun,
      categorySlug: leaf.slug,
      tags: random.some(tagWords, random.int(1, 5)),
      currency: 'USD',
      options: optionValues,
      variants: combos.map((options, v) => ({
        sku: `B${i}-${v}`,
        title: Object.values(options).join(' / ') || 'Default',
        options,
        priceMinor: price + (v % 3) * 100,
        compareAtMinor: random.next() < 0.2 ? price + 1_000 : null,
        stock: { 'wh-1': random.next() < 0.12 ? 0 : random.int(1, 200) },
      })),
      imageUrl: null,
      rating: { count: random.int(0, 400), average: Math.round((1 + random.next() * 4) * 10) / 10 },
      createdAt: new Date(start + Math.floor(random.next() * 730 * 86_400_000)).toISOString(),
    });
  }
  return {
    catalog: {
      source: { name: 'emporium bench generator', url: 'https://example.invalid/bench', licence: 'MIT' },
      warehouses: [{ id: 'wh-1', name: 'Bench warehouse', country: 'DE' }],
      categories,
      products,
    },
    accounts: {
      admin: { email: 'bench-admin@example.invalid', password: 'not-used', name: 'Bench Admin' },
      customer: { email: 'bench-customer@example.invalid', password: 'not-used', name: 'Bench Customer' },
    },
  };
}
