import { join } from 'node:path';
import type { Environment } from '@emporium/platform/config/load-config';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@emporium/platform/db/embedded-postgres';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { type RunningService, startService } from '@emporium/platform/service/start-service';
import { serviceCatalog } from '../service-catalog.js';
import { allocatePorts, serviceUrlsOf } from './allocate-ports.js';

export interface EmbeddedOptions {
  /** Keep nothing on disk: PGlite in memory. */
  ephemeral: boolean;
  /** Where PGlite keeps its files when not ephemeral. */
  dataDir: string;
  /** The gateway's port; services take the next eleven. 0: any free ports. */
  gatewayPort: number;
  logLevel: string;
  /** Variables passed through to every service (OTEL endpoint, profile, ...). */
  baseEnv: Environment;
  /** Variables for one service only, by name (its provisioned credentials). */
  serviceEnv?: ReadonlyMap<string, Record<string, string>>;
  onProgress: (message: string) => void;
}

export interface EmbeddedPlatform {
  gatewayUrl: string;
  databaseUrl: string;
  services: RunningService[];
  stop: () => Promise<void>;
}

/**
 * The whole architecture in one Node process: one PGlite served on a
 * loopback socket, every service on its own port talking to it with `pg`,
 * each other over HTTP, and the gateway in front. The services are the same
 * code that runs one-per-process in production; only their environment
 * differs (no REDIS_URL or AMQP_URL: memory cache and in-process bus).
 */
export async function startEmbeddedPlatform(options: EmbeddedOptions): Promise<EmbeddedPlatform> {
  const started = performance.now();
  options.onProgress(
    options.ephemeral ? 'starting PostgreSQL (PGlite, in memory)' : 'starting PostgreSQL (PGlite)',
  );
  const postgres: EmbeddedPostgres = await startEmbeddedPostgres(
    options.ephemeral ? {} : { dataDir: join(options.dataDir, 'pglite') },
  );
  const ports = await allocatePorts(
    serviceCatalog.map(({ definition, offset }) => ({ name: definition.name, offset })),
    options.gatewayPort,
  );
  const serviceUrls = serviceUrlsOf(ports);
  const { DATABASE_URL: _d, REDIS_URL: _r, AMQP_URL: _a, PORT: _p, ...passThrough } = options.baseEnv;

  // One broker for the whole process: every service's events flow through it,
  // behind the same outbox and inbox as on RabbitMQ.
  const inProcessBroker = createInProcessBroker();
  const services: RunningService[] = [];
  const stop = async () => {
    for (const service of [...services].reverse()) await service.close().catch(() => {});
    await postgres.stop();
  };
  try {
    for (const { definition } of serviceCatalog) {
      options.onProgress(
        `starting ${definition.name}${definition.database ? ' (migrating its schema)' : ''}`,
      );
      services.push(
        await startService(definition, {
          inProcessBroker,
          env: {
            ...passThrough,
            HOST: '127.0.0.1',
            PORT: String(ports.get(definition.name)),
            DATABASE_URL: postgres.url,
            // PGlite runs one statement at a time; a few connections per service is plenty.
            DATABASE_POOL_MAX: '3',
            SERVICE_URLS: serviceUrls,
            LOG_LEVEL: options.logLevel,
            ...options.serviceEnv?.get(definition.name),
          },
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  // Every consumer has subscribed: let the relays' publishes through.
  inProcessBroker.open();
  const gateway = services.find((s) => s.name === 'gateway')!;
  options.onProgress(`all ${services.length} services up in ${Math.round(performance.now() - started)} ms`);
  return { gatewayUrl: gateway.url, databaseUrl: postgres.url, services, stop };
}
