import { ConfigError } from '@emporium/platform/config/load-config';
import { processEnvironment } from '@emporium/platform/config/process-environment';
import { createDatabase } from '@emporium/platform/db/database';
import { migrateService } from '@emporium/platform/db/migrate';
import { serviceCatalog } from './service-catalog.js';

/**
 * `npm run migrate [service...]`: applies each service's migrations to its
 * database (`<SERVICE>_DATABASE_URL`, else `DATABASE_URL`). Production runs
 * this as a job before rolling out; embedded mode migrates at boot instead.
 */
const env = processEnvironment();
const only = process.argv.slice(2);
let failed = false;
for (const { definition } of serviceCatalog) {
  if (!definition.database || (only.length > 0 && !only.includes(definition.name))) continue;
  const url = env[`${definition.name.toUpperCase()}_DATABASE_URL`] ?? env.DATABASE_URL;
  if (!url) {
    process.stderr.write(
      `${new ConfigError(definition.name, ['DATABASE_URL: required to migrate']).message}\n`,
    );
    failed = true;
    continue;
  }
  const database = createDatabase(
    { url, poolMax: 1, applicationName: `emporium-migrate-${definition.name}` },
    {},
  );
  try {
    await migrateService(database.db, definition.database);
    process.stdout.write(`migrated ${definition.name} (schema ${definition.database.schema})\n`);
  } catch (error) {
    process.stderr.write(`migration of ${definition.name} failed: ${(error as Error).message}\n`);
    failed = true;
  } finally {
    await database.close();
  }
}
process.exit(failed ? 1 : 0);
