/**
 * Derives the demo catalog, launcher/demo-data/catalog.json, from the
 * Livostyle open data (2,766 women's fashion products of a real Shopify
 * store, MIT; see launcher/demo-data/README.md):
 *
 *   npx tsx scripts/derive-demo-catalog.ts [path/to/products.csv]
 *
 * The CSV defaults to ../shared/data/livostyle/products.csv beside the repo.
 * Same input, byte-identical output: everything the source lacks is derived
 * from hashes of its ids (launcher/src/demo/derive-variants.ts). The output is
 * checked against the DemoCatalog schema before it is written.
 *
 * Brand is null for every product. The CSV has no brand column. Its tags do
 * carry supplier names ("Zenana", "BiBi", "Umgee USA", "Y@B"), but nothing
 * marks which tag is one: the capitalised tags also hold departments
 * ("Accessories", "Bottoms", "Sweaters"), shipping notes ("Ship from USA",
 * "Shipping delay Feb 12 - Feb 24"), promotions ("Doorbusters", "Memorial Day
 * Sale") and style names ("Classy Ballet Flats", "Cozy"), and 2,743 of the
 * 2,766 products have more than one capitalised tag. Picking one would need a
 * hand-kept stop list, which is a guess, so no brand is better than a wrong one.
 *
 * The schema comes from contracts by relative path: plain `tsx` does not apply
 * the `source` export condition the workspace packages need.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from 'typebox/value';
import { DemoCatalog } from '../contracts/src/demo/demo-catalog.js';
import { deriveCatalog, parseProductsCsv } from '../launcher/src/demo/derive-catalog.js';

const defaultCsv = fileURLToPath(new URL('../../shared/data/livostyle/products.csv', import.meta.url));
const outputFile = fileURLToPath(new URL('../launcher/demo-data/catalog.json', import.meta.url));

const csvFile = process.argv[2] ? resolve(process.argv[2]) : defaultCsv;
const catalog = deriveCatalog(parseProductsCsv(readFileSync(csvFile, 'utf8')));

if (!Value.Check(DemoCatalog, catalog)) {
  const errors = Value.Errors(DemoCatalog, catalog);
  for (const error of errors.slice(0, 20)) console.error(`${error.instancePath}: ${error.message}`);
  throw new Error(`derived catalog fails DemoCatalog (${errors.length} errors); nothing written`);
}

const json = `${JSON.stringify(catalog)}\n`;
mkdirSync(dirname(outputFile), { recursive: true });
writeFileSync(outputFile, json);

const variants = catalog.products.flatMap((product) => product.variants);
const levels = variants.flatMap((variant) => Object.values(variant.stock));
console.log(
  [
    `read ${csvFile}`,
    `wrote ${outputFile} (${Buffer.byteLength(json).toLocaleString('en')} bytes)`,
    `${catalog.categories.length} categories, ${catalog.products.length} products, ${variants.length} variants`,
    `${variants.filter((variant) => variant.compareAtMinor !== null).length} variants on sale`,
    `${levels.filter((onHand) => onHand >= 1 && onHand <= 3).length} low and ${levels.filter((onHand) => onHand === 0).length} empty stock levels of ${levels.length}`,
  ].join('\n'),
);
