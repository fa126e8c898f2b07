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

/**
 * Starts a service for an integration suite: on a free port, silent logs, its
 * own database (real PostgreSQL when `DATABASE_URL` is set, PGlite otherwise),
 * Redis when `REDIS_URL` is set. `env` adds or overrides settings.
 */
export async function startTestService<S extends TObject>(
  definition: ServiceDefinition<S>,
  env: Record<string, string | undefined> = {},
): Promise<TestService> {
  const database = definition.database ? await createTestDatabase() : undefined;
  const identity = await createTestIdentity();
  // Without RabbitMQ, the suite gets the embedded broker, opened once the service has subscribed.
  const inProcessBroker = definition.events && !process.env.AMQP_URL ? createInProcessBroker() : undefined;
  try {
    const running = await startService(definition, {
      ...(inProcessBroker ? { inProcessBroker } : {}),
      env: {
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
      },
    });
    inProcessBroker?.open();
    return {
      ...running,
      database,
      identity,
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
