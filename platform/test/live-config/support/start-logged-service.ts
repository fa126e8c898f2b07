import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { TObject } from 'typebox';
import { createInProcessBroker } from '../../../src/events/in-process-broker.js';
import type { ServiceDefinition } from '../../../src/service/service-definition.js';
import { type RunningService, startService } from '../../../src/service/start-service.js';
import { createTestDatabase, type TestDatabase } from '../../../src/testing/test-database.js';
import { createTestIdentity, type TestIdentity } from '../../../src/testing/test-identity.js';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface LoggedService extends RunningService {
  /** Every JSON line the service logged, in order. */
  lines: LogLine[];
  identity: TestIdentity;
  stop: () => Promise<void>;
}

/**
 * Like `startTestService`, but the service logs at `info` into `lines`, so a
 * suite can watch what a running service writes (its log level being one of
 * the settings pushed live). Its own database (PostgreSQL when DATABASE_URL
 * is set, PGlite otherwise), RabbitMQ when AMQP_URL is set, otherwise its
 * own in-process broker.
 */
export async function startLoggedService<S extends TObject>(
  definition: ServiceDefinition<S>,
  env: Record<string, string>,
): Promise<LoggedService> {
  const database: TestDatabase | undefined = definition.database ? await createTestDatabase() : undefined;
  const identity = await createTestIdentity();
  const inProcessBroker = definition.events && !process.env.AMQP_URL ? createInProcessBroker() : undefined;
  const lines: LogLine[] = [];
  const destination = new PassThrough();
  let partial = '';
  destination.on('data', (chunk) => {
    const text = partial + String(chunk);
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete.filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
  });
  try {
    const running = await startService(definition, {
      ...(inProcessBroker ? { inProcessBroker } : {}),
      logDestination: destination,
      env: {
        EVENT_NAMESPACE: `t${randomBytes(4).toString('hex')}.`,
        JWKS_URL: identity.jwksUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        ...(database ? { DATABASE_URL: database.url, DATABASE_POOL_MAX: '5' } : {}),
        ...(process.env.AMQP_URL ? { AMQP_URL: process.env.AMQP_URL } : {}),
        ...env,
      },
    });
    inProcessBroker?.open();
    return {
      ...running,
      lines,
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
