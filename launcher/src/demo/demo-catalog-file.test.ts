import { existsSync, readFileSync } from 'node:fs';
import { DemoCatalog } from '@emporium/contracts/demo/demo-catalog';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { deriveCatalog, parseProductsCsv } from './derive-catalog.js';

const catalogFile = new URL('../../demo-data/catalog.json', import.meta.url);
/** Present in the development checkout only; a user's clone has just the derived file. */
const sourceCsv = new URL('../../../../shared/data/livostyle/products.csv', import.meta.url);

describe('launcher/demo-data/catalog.json', () => {
  const text = readFileSync(catalogFile, 'utf8');
  const catalog: unknown = JSON.parse(text);

  it('satisfies DemoCatalog, with over 2,700 products, unique slugs and unique SKUs', () => {
    expect([...Value.Errors(DemoCatalog, catalog)].slice(0, 5)).toEqual([]);
    if (!Value.Check(DemoCatalog, catalog)) return;
    const slugs = catalog.products.map((p) => p.slug);
    const skus = catalog.products.flatMap((p) => p.variants.map((v) => v.sku));
    expect(catalog.products.length).toBeGreaterThan(2_700);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(new Set(skus).size).toBe(skus.length);
    expect(skus.every((sku) => /^[A-Z0-9-]+$/.test(sku))).toBe(true);
    const categorySlugs = new Set(catalog.categories.map((c) => c.slug));
    expect(categorySlugs.size).toBe(catalog.categories.length);
    expect(catalog.products.every((p) => categorySlugs.has(p.categorySlug))).toBe(true);
  });

  it.skipIf(!existsSync(sourceCsv))('is what the script derives from the source today', () => {
    const fresh = `${JSON.stringify(deriveCatalog(parseProductsCsv(readFileSync(sourceCsv, 'utf8'))))}\n`;
    expect(fresh === text, 'stale: run npx tsx scripts/derive-demo-catalog.ts').toBe(true);
  });
});
