import closeWithGrace from 'close-with-grace';
import type { TObject } from 'typebox';
import { ConfigError } from '../config/load-config.js';
import { shutdownTracing } from '../tracing/tracing.js';
import type { ServiceDefinition } from './service-definition.js';
import { startService } from './start-service.js';

/**
 * The body of every `services/<name>/src/main.ts`: one service, one process,
 * configured only by its environment. Exits 1 with every config problem
 * listed; SIGINT/SIGTERM drain and close before exiting.
 */
export async function runMain<S extends TObject>(definition: ServiceDefinition<S>): Promise<void> {
  try {
    const running = await startService(definition, { env: process.env });
    closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
      if (err) running.logger.error({ err }, 'fatal error, shutting down');
      else running.logger.info({ signal }, 'shutting down');
      await running.close();
      await shutdownTracing();
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `${definition.name} failed to start: ${(error as Error).stack ?? String(error)}\n`,
      );
    }
    process.exit(1);
  }
}
