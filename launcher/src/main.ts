import { join } from 'node:path';
import { ConfigError, loadConfig } from '@emporium/platform/config/load-config';
import { processEnvironment } from '@emporium/platform/config/process-environment';
import { bannerOf } from './banner.js';
import { serviceKeyEnvironments } from './credentials/service-keys.js';
import { resolveDemoAccounts } from './demo/demo-accounts.js';
import { loadDemoCatalog } from './demo/load-demo-catalog.js';
import { seedDemo } from './demo/seed-demo.js';
import { startEmbeddedPlatform } from './embedded/start-embedded.js';
import { LauncherConfig } from './launcher-config.js';

/**
 * `npm start`: the whole platform in one process with no servers to install.
 * `npm start -- --ephemeral` keeps nothing on disk. Ctrl-C stops everything.
 */
const ephemeral = process.argv.includes('--ephemeral');
const say = (message: string) => process.stdout.write(`[emporium] ${message}\n`);

async function main() {
  const env = processEnvironment();
  const config = loadConfig(LauncherConfig, { service: 'launcher', env });
  const started = performance.now();
  const platform = await startEmbeddedPlatform({
    ephemeral,
    dataDir: config.dataDir,
    gatewayPort: config.port,
    logLevel: config.logLevel,
    baseEnv: env,
    serviceEnv: serviceKeyEnvironments(ephemeral ? undefined : join(config.dataDir, 'service-keys.json')),
    onProgress: say,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping every service`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await platform.stop();
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const accounts = config.seedDemo
    ? resolveDemoAccounts({
        adminEmail: config.adminEmail,
        adminPassword: config.adminPassword,
        file: ephemeral ? undefined : join(config.dataDir, 'demo-accounts.json'),
      })
    : undefined;
  if (accounts) {
    say('loading demo data (first start writes the catalog; later starts only check it)');
    await seedDemo(platform.services, { catalog: loadDemoCatalog(), accounts }, say);
  }
  process.stdout.write(
    bannerOf({
      gatewayUrl: platform.gatewayUrl,
      services: platform.services,
      dataLocation: ephemeral ? 'in memory, nothing kept' : `data in ${config.dataDir}/`,
      accounts,
      startedInMs: performance.now() - started,
    }),
  );
}

main().catch((error) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`emporium failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
