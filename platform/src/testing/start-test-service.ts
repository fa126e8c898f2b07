import { randomBytes } from 'node:crypto';
import type { TObject } from 'typebox';
import { createInProcessBroker } from '../events/in-process-broker.js';
import type { ServiceDefinition } from '../service/service-definition.js';
import { type RunningService, startService } from '../service/start-service.js';
import { testEventSettings } from './test-broker.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { createTestIdentity, type TestIdentity } from './test-identity.js';

/**
 * On a shared RabbitMQ, each test file gets exchanges and queues of its own
 * (vitest loads this module once per file), so suites running side by side
 * never consume each other's events; services started in one file share it.
 */
const fileNamespace = `t${randomBytes(4).toString('hex')}.`;

export interface TestService extends RunningService {
  database: TestDatabase | undefined;
  /** Signs access tokens this service accepts (its JWKS_URL points here unless the suite set one). */
  identity: TestIdentity;
  /** Closes the service, then drops its database. */
  stop: () => Promise<void>;
}

export interface ReplicableTestService extends TestService {
  /**
   * Another instance of the same service, as a second replica: the same
   * database, identity, broker and test settings, with `env` on top. The
   * caller closes it (before `stop`).
   */
  startReplica: (env?: Record<string, string | undefined>) => Promise<RunningService>;
}

/**
 * Starts a service for an integration suite: on a free port, silent logs, its
 * own database (real PostgreSQL when `DATABASE_URL` is set, PGlite otherwise),
 * Redis when `REDIS_URL` is set. `env` adds or overrides settings.
 */
export async function startTestService<S extends TObject>(
  definition: ServiceDefinition<S>,
  env: Record<string, string | undefined> = {},
): Promise<ReplicableTestService> {
  const database = definition.database ? await createTestDatabase() : undefined;
  const identity = await createTestIdentity();
  // Without RabbitMQ, the suite gets the embedded broker, opened once the service has subscribed.
  const inProcessBroker = definition.events && !process.env.AMQP_URL ? createInProcessBroker() : undefined;
  const settings = {
    LIVE_CONFIG: 'false',
    ...testEventSettings(fileNamespace),
    JWKS_URL: identity.jwksUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ...(database ? { DATABASE_URL: database.url, DATABASE_POOL_MAX: '5' } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...(process.env.AMQP_URL ? { AMQP_URL: process.env.AMQP_URL } : {}),
    ...env,
  };
  const start = (replicaEnv: Record<string, string | undefined> = {}) =>
    startService(definition, {
      ...(inProcessBroker ? { inProcessBroker } : {}),
      env: { ...settings, ...replicaEnv },
    });
  try {
    const running = await start();
    inProcessBroker?.open();
    return {
      ...running,
      database,
      identity,
      startReplica: start,
      stop: async () => {
        await running.close();
        await identity.close();
        await database?.drop();
      },
    };
  } catch (error) {
    await identity.close();
    await database?.drop();
    throw error;
  }
}
