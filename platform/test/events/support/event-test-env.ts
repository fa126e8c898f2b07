import { randomBytes } from 'node:crypto';
import amqplib from 'amqplib';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { EventBus } from '../../../src/events/event-bus.js';
import {
  createEventRuntime,
  type EventRuntime,
  type EventRuntimeOptions,
} from '../../../src/events/event-runtime.js';
import { createInProcessBroker, type InProcessBroker } from '../../../src/events/in-process-broker.js';
import { createInProcessBus } from '../../../src/events/in-process-bus.js';
import { createRabbitMqBus } from '../../../src/events/rabbitmq-bus.js';
import { createLogger } from '../../../src/log/logger.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import { testQueueExpiryMs } from '../../../src/testing/test-broker.js';
import { createTestDatabase, type TestDatabase } from '../../../src/testing/test-database.js';
import { initTracing } from '../../../src/tracing/tracing.js';
import * as schema from './test-schema.js';

export type Mode = 'embedded' | 'real';

// As `startService` does in every service: W3C trace context propagation, spans kept in-process.
initTracing({ processName: 'emporium-events-test' });

/** Embedded (PGlite + in-process broker) always; the real servers too when their URLs are set. */
export const modes: Mode[] = [
  'embedded',
  ...(process.env.DATABASE_URL && process.env.AMQP_URL ? (['real'] as const) : []),
];

export const silentLogger = createLogger({
  service: 'events-test',
  version: '0',
  level: process.env.TEST_LOG_LEVEL ?? 'silent',
});

export interface EventTestEnv {
  mode: Mode;
  database: TestDatabase;
  pool: pg.Pool;
  db: NodePgDatabase<typeof schema>;
  /** Unique per env: RabbitMQ names of this run never collide with another's. */
  prefix: string;
  broker: InProcessBroker | undefined;
  amqpUrl: string | undefined;
  createBus: (options?: { amqpUrl?: string; publishTimeoutMs?: number; connectionName?: string }) => EventBus;
  createRuntime: (options: Partial<EventRuntimeOptions> & { service: string; bus: EventBus }) => EventRuntime;
  /** RabbitMQ names declared outside this process (a child's bus) to delete at cleanup. */
  track: (names: string[]) => void;
  cleanup: () => Promise<void>;
}

export async function createEventTestEnv(mode: Mode): Promise<EventTestEnv> {
  const database = await createTestDatabase(mode === 'real' ? process.env : {});
  const pool = new pg.Pool({ connectionString: database.url, max: 8 });
  pool.on('error', () => {});
  const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(schema));
  for (const statement of statements) await pool.query(statement);
  const db = drizzle(pool, { schema });
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const broker = mode === 'embedded' ? createInProcessBroker() : undefined;
  const amqpUrl = mode === 'real' ? process.env.AMQP_URL : undefined;
  const buses: EventBus[] = [];
  const names = new Set<string>();

  const env: EventTestEnv = {
    mode,
    database,
    pool,
    db,
    prefix,
    broker,
    amqpUrl,
    createBus(options = {}) {
      const bus =
        mode === 'embedded'
          ? createInProcessBus({ broker: broker!, logger: silentLogger, pollIntervalMs: 100 })
          : createRabbitMqBus({
              url: options.amqpUrl ?? amqpUrl!,
              logger: silentLogger,
              namePrefix: prefix,
              queueExpiryMs: testQueueExpiryMs,
              connectionName: options.connectionName ?? `events-test-${prefix}`,
              publishTimeoutMs: options.publishTimeoutMs ?? 1_000,
              reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
            });
      buses.push(bus);
      return bus;
    },
    createRuntime(options) {
      return createEventRuntime({
        db,
        pool,
        tables: schema.tables,
        logger: silentLogger,
        metrics: createMetrics(options.service),
        relay: { pollIntervalMs: 50, retryBaseDelayMs: 50, retryMaxDelayMs: 500, flushTimeoutMs: 2_000 },
        ...options,
      });
    },
    track(more) {
      for (const name of more) names.add(name);
    },
    async cleanup() {
      for (const bus of buses) {
        for (const name of (bus as { topologyNames?: () => string[] }).topologyNames?.() ?? [])
          names.add(name);
        await bus.close().catch(() => {});
      }
      if (amqpUrl && names.size > 0) await deleteTopology(amqpUrl, [...names]);
      await pool.end();
      await database.drop();
    },
  };
  return env;
}

/** Removes a run's queues and exchange from the shared RabbitMQ. */
async function deleteTopology(url: string, names: string[]): Promise<void> {
  const connection = await amqplib.connect(url);
  try {
    for (const name of names) {
      const channel = await connection.createChannel();
      channel.on('error', () => {});
      if (name.endsWith('emporium.events')) await channel.deleteExchange(name).catch(() => {});
      else await channel.deleteQueue(name).catch(() => {});
      await channel.close().catch(() => {});
    }
  } finally {
    await connection.close();
  }
}

/** Polls until `check` holds, failing after `timeoutMs` with what it last saw. */
export async function waitFor<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${options.what ?? 'condition'}; last saw ${JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
    last = await read();
  }
  return last;
}

export async function countOf(pool: pg.Pool, query: string, params: unknown[] = []): Promise<number> {
  const result = await pool.query<{ n: string }>(query, params);
  return Number(result.rows[0]?.n ?? 0);
}
