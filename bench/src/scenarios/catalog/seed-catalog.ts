/**
 * Writes a generated catalog into the database DATABASE_URL names (product
 * and search schemas, migrated first), to explore it by hand:
 *   DATABASE_URL=postgres://… npx tsx --conditions=source bench/src/scenarios/catalog/seed-catalog.ts 100000
 * The `catalog-search` scenario does the same on a fresh database of its own.
 */
import { catalogSizes, generateCatalog } from './generate-catalog.js';
import { startCatalogServices } from './start-catalog-services.js';

const size = Number(process.argv[2] ?? 50_000);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('skipped: DATABASE_URL is not set (the catalog is written to the real PostgreSQL)\n');
  process.exit(0);
}
if (!catalogSizes.includes(size as (typeof catalogSizes)[number])) {
  process.stderr.write(`the size must be one of ${catalogSizes.join(', ')}\n`);
  process.exit(2);
}
const services = await startCatalogServices(databaseUrl);
try {
  const demo = generateCatalog(size);
  const say = (message: string) => process.stdout.write(`${message}\n`);
  await services.product.instance.seedDemo!(demo, say);
  await services.search.instance.seedDemo!(demo, say);
} finally {
  await services.close();
}
