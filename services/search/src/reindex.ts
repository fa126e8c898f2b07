/**
 * Rebuilds the search index from scratch from the product service:
 *   npx tsx --conditions=source services/search/src/reindex.ts
 * Configured like the service (DATABASE_URL, discovery: SERVICE_URLS or
 * REGISTRY_URL, ...). The live index keeps answering until the new one is
 * swapped in; a running service keeps applying events meanwhile. Prints the
 * report as JSON; exits 1 when the rebuild fails (the live index is kept).
 */
import { ConfigError, loadConfig } from '@emporium/platform/config/load-config';
import { createDatabase } from '@emporium/platform/db/database';
import { migrateService } from '@emporium/platform/db/migrate';
import { createDiscovery } from '@emporium/platform/discovery/create-locator';
import { createLogger } from '@emporium/platform/log/logger';
import { createMetrics } from '@emporium/platform/metrics/metrics';
import { SearchConfig } from './config.js';
import { searchDepsOf, searchService } from './service.js';
import { reindexCatalog } from './use-cases/reindex-catalog.js';

async function main(): Promise<number> {
  const config = loadConfig(SearchConfig, { service: 'search' });
  const logger = createLogger({
    service: 'search-reindex',
    version: searchService.version,
    level: config.logLevel,
    destination: process.stderr,
  });
  const discovery = createDiscovery(config, {
    service: 'search-reindex',
    version: searchService.version,
    logger,
  });
  const database = createDatabase(
    { url: config.databaseUrl, poolMax: 4, applicationName: 'emporium-search-reindex' },
    {},
  );
  try {
    if (config.migrateOnBoot) await migrateService(database.db, searchService.database!);
    const deps = searchDepsOf({
      config,
      database,
      logger,
      metrics: createMetrics('search-reindex'),
      locator: discovery.locator,
    });
    const report = await reindexCatalog(deps, undefined, (message) => process.stderr.write(`${message}\n`));
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`reindex failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await discovery.close();
    await database.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
