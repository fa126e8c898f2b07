import type { DemoCatalog } from '@emporium/contracts/demo/demo-catalog';
import { slugify, uniqueSlug } from './slug.js';

export type DemoCategory = DemoCatalog['categories'][number];

/** "Apparel & Accessories > Shoes" → ["Apparel & Accessories", "Shoes"]. */
export function splitPath(fullPath: string): string[] {
  return fullPath
    .split('>')
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '');
}

function byName(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One category per distinct path prefix, parents before children, siblings
 * by name (position counts from 0). A slug is the slugified path
 * ("apparel-accessories-shoes"); a clash gets a numeric suffix, handed out
 * in sorted order so the result does not depend on the input order.
 */
export function buildCategoryTree(fullPaths: Iterable<string>): {
  categories: DemoCategory[];
  slugOf: (fullPath: string) => string | undefined;
} {
  const segmentsByKey = new Map<string, string[]>();
  for (const fullPath of fullPaths) {
    const segments = splitPath(fullPath);
    for (let depth = 1; depth <= segments.length; depth++) {
      const prefix = segments.slice(0, depth);
      segmentsByKey.set(prefix.join(' > '), prefix);
    }
  }
  const taken = new Set<string>();
  const slugByKey = new Map<string, string>();
  for (const key of [...segmentsByKey.keys()].sort()) {
    slugByKey.set(key, uniqueSlug(slugify(segmentsByKey.get(key)!.join(' ')) || 'category', taken));
  }
  const parentKeyOf = (segments: string[]) =>
    segments.length === 1 ? null : segments.slice(0, -1).join(' > ');
  const categories: DemoCategory[] = [];
  const visit = (parentKey: string | null, parentPath: string[]) => {
    const children = [...segmentsByKey]
      .filter(([, segments]) => parentKeyOf(segments) === parentKey)
      .sort(([, a], [, b]) => byName(a.at(-1)!, b.at(-1)!));
    children.forEach(([key, segments], position) => {
      const slug = slugByKey.get(key)!;
      const path = [...parentPath, slug];
      categories.push({
        slug,
        name: segments.at(-1)!,
        path,
        parentSlug: parentPath.at(-1) ?? null,
        position,
      });
      visit(key, path);
    });
  };
  visit(null, []);
  return { categories, slugOf: (fullPath) => slugByKey.get(splitPath(fullPath).join(' > ')) };
}
