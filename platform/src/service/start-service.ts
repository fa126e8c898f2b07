import type { TObject } from 'typebox';
import { createApiKeyVerifier } from '../auth/api-key-verifier.js';
import type { Verifiers } from '../auth/auth-hooks.js';
import { createJwtVerifier, jwksFrom } from '../auth/jwt-verifier.js';
import type { Cache } from '../cache/cache.js';
import { createCache } from '../cache/create-cache.js';
import { createLiveConfig } from '../config/live-config.js';
import { type Environment, loadConfig } from '../config/load-config.js';
import { createDatabase, type Database } from '../db/database.js';
import { migrateService } from '../db/migrate.js';
import { createDiscovery, type DiscoverySettings } from '../discovery/create-locator.js';
import { registerDeadLetterRoutes } from '../events/dead-letter.routes.js';
import type { EventRuntime } from '../events/event-runtime.js';
import type { InProcessBroker } from '../events/in-process-broker.js';
import type { HttpApp } from '../http/create-http-app.js';
import type { ReadinessCheck } from '../http/operational-routes.js';
import { createLogger, type Logger } from '../log/logger.js';
import { createMetrics } from '../metrics/metrics.js';
import { initTracing } from '../tracing/tracing.js';
import { connectEvents } from './connect-events.js';
import type { ServiceDefinition, ServiceInstance } from './service-definition.js';

/** Settings the runner itself reads; every service schema includes them (see config/common.ts). */
interface RunnerSettings extends DiscoverySettings {
  host: string;
  port: number;
  logLevel: string;
  migrateOnBoot: boolean;
  shutdownTimeoutMs: number;
  otelExporterOtlpEndpoint?: string;
  databaseUrl?: string;
  databasePoolMax?: number;
  redisUrl?: string;
  amqpUrl?: string;
  eventNamespace: string;
  eventQueueExpiryMs?: number;
  liveConfig: boolean;
  jwtIssuer: string;
  jwtAudience: string;
  jwksUrl?: string;
  emporiumProfile: string;
  publicUrl?: string;
}

export interface RunningService {
  name: string;
  url: string;
  app: HttpApp;
  instance: ServiceInstance;
  logger: Logger;
  /** Its event runtime, when it produces or consumes events. */
  events: EventRuntime | undefined;
  close: () => Promise<void>;
}

export interface StartOptions {
  env: Environment;
  /** Log destination override (tests). */
  logDestination?: NodeJS.WritableStream;
  /** Embedded mode: the one broker every service in this process shares (see events/in-process-broker.ts). */
  inProcessBroker?: InProcessBroker;
}

/**
 * Loads config, connects the database (migrating it when asked) and cache,
 * builds the service's app and listens. Used by each service's `main.ts`
 * (distributed) and by the embedded launcher (all in one process). `close()`
 * stops accepting, drains in-flight requests, then closes pools.
 */
export async function startService<S extends TObject>(
  definition: ServiceDefinition<S>,
  options: StartOptions,
): Promise<RunningService> {
  const config = loadConfig(definition.configSchema, { service: definition.name, env: options.env });
  const settings = config as unknown as RunnerSettings;
  initTracing({
    processName: `emporium-${definition.name}`,
    otlpEndpoint: settings.otelExporterOtlpEndpoint,
  });
  const logger = createLogger({
    service: definition.name,
    version: definition.version,
    level: settings.logLevel,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const metrics = createMetrics(definition.name);
  const readiness: ReadinessCheck[] = [];
  // Before connecting anything: a discovery misconfiguration is a config error, reported at once.
  const discovery = createDiscovery(settings, {
    service: definition.name,
    version: definition.version,
    logger,
  });
  const locator = discovery.locator;

  let database: Database | undefined;
  if (definition.database && settings.databaseUrl) {
    database = createDatabase(
      {
        url: settings.databaseUrl,
        poolMax: settings.databasePoolMax ?? 10,
        applicationName: `emporium-${definition.name}`,
      },
      {},
    );
    readiness.push({ name: 'database', check: database.ping });
    if (settings.migrateOnBoot) {
      await migrateService(database.db, definition.database);
      logger.info({ schema: definition.database.schema }, 'migrations applied');
    }
  }
  const cache: Cache = createCache({ redisUrl: settings.redisUrl, prefix: definition.name });
  if (settings.redisUrl) readiness.push({ name: 'cache', check: cache.ping });

  const events = connectEvents(definition, {
    amqpUrl: settings.amqpUrl,
    eventNamespace: settings.eventNamespace,
    eventQueueExpiryMs: settings.eventQueueExpiryMs,
    inProcessBroker: options.inProcessBroker,
    database,
    logger,
    metrics,
  });
  if (events) readiness.push(events.readiness);
  const liveConfig =
    settings.liveConfig && definition.name !== 'config'
      ? createLiveConfig({ service: definition.name, profile: settings.emporiumProfile, locator, logger })
      : undefined;

  const auth: Verifiers = {
    jwt: createJwtVerifier({
      issuer: settings.jwtIssuer,
      audience: settings.jwtAudience,
      locator,
      ...(settings.jwksUrl ? { fetchJwks: jwksFrom(settings.jwksUrl) } : {}),
    }),
    // `X-Api-Key`: asked of the user service (which checks its own keys locally instead).
    apiKey: createApiKeyVerifier({ caller: definition.name, locator }),
  };

  const instance = await definition.create({
    auth,
    config,
    logger,
    metrics,
    database,
    cache,
    locator,
    readiness,
    events,
    liveConfig,
  });
  if (events) {
    // Internal admin routes (not routed by the gateway): list, inspect and replay dead letters.
    registerDeadLetterRoutes(instance.app, events.deadLetters);
    await events.start();
  }
  liveConfig?.start();
  const address = await instance.app.listen({ host: settings.host, port: settings.port });
  const url = address.replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
  logger.info({ url }, 'service listening');
  discovery.announce(settings.publicUrl ?? url);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const deadline = setTimeout(
        () => logger.warn('shutdown deadline passed; closing anyway'),
        settings.shutdownTimeoutMs,
      );
      try {
        await discovery.close();
        await instance.app.close();
        await events?.close();
        await liveConfig?.close();
        await instance.close?.();
        await cache.close();
        await database?.close();
        logger.info('service stopped');
      } finally {
        clearTimeout(deadline);
      }
    })();
    return closing;
  };
  return { name: definition.name, url, app: instance.app, instance, logger, events, close };
}
