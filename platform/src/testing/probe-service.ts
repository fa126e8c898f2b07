import type { EventEnvelope } from '@emporium/contracts/events/envelope';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgSchema } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { createEventBus } from '../events/create-event-bus.js';
import type { EventBus } from '../events/event-bus.js';
import { createEventRuntime, type EventRuntime } from '../events/event-runtime.js';
import { deadLetterTable, inboxTable, outboxTable } from '../events/event-tables.js';
import type { InProcessBroker } from '../events/in-process-broker.js';
import type { TransactionalDb } from '../events/sql-executor.js';
import { createLogger } from '../log/logger.js';
import { createMetrics } from '../metrics/metrics.js';
import { testQueueExpiryMs } from './test-broker.js';

export interface Probe {
  /** Its event runtime: subscribe before `start`, enqueue in `transaction` to produce. */
  events: EventRuntime;
  transaction: TransactionalDb['transaction'];
  /** Produces an event the way a service does: outbox row in a transaction, then the relay. */
  emit: (envelope: EventEnvelope) => Promise<void>;
  /** Straight to the broker, bypassing the outbox: what a redelivery looks like to consumers. */
  publish: EventBus['publish'];
  /** SQL on the shared test database (the service under test's schema included). */
  // biome-ignore lint/suspicious/noExplicitAny: rows of arbitrary queries
  rows: (text: string, params?: unknown[]) => Promise<any[]>;
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * A tiny service of another kind, standing in for the producers or
 * consumers a service under test talks to: its own outbox, inbox and dead
 * letters in a schema of its own (`schema`), in the same database, its own
 * consumer name, on the same broker as the service under test. Events reach
 * it, and leave it, through the real relay, bus and inbox.
 */
export async function createProbe(options: {
  name: string;
  schema: string;
  databaseUrl: string;
  broker: InProcessBroker | undefined;
  namespace: string;
  relayPollIntervalMs?: number;
}): Promise<Probe> {
  const probe = pgSchema(options.schema);
  const tables = {
    outbox: outboxTable(probe),
    inbox: inboxTable(probe),
    deadLetters: deadLetterTable(probe),
  };
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 3 });
  pool.on('error', () => {});
  for (const statement of await generateMigration(
    generateDrizzleJson({}),
    generateDrizzleJson({ probe, ...tables }),
  )) {
    await pool.query(statement);
  }
  const logger = createLogger({ service: options.name, version: '0', level: 'silent' });
  const db = drizzle(pool) as unknown as TransactionalDb;
  const bus = createEventBus({
    amqpUrl: process.env.AMQP_URL,
    inProcessBroker: options.broker,
    logger,
    connectionName: options.name,
    namePrefix: options.namespace,
    queueExpiryMs: testQueueExpiryMs,
  });
  const events = createEventRuntime({
    service: options.name,
    db,
    pool,
    tables,
    bus,
    logger,
    metrics: createMetrics(options.name),
    relay: { pollIntervalMs: options.relayPollIntervalMs ?? 50 },
  });
  return {
    events,
    transaction: (work) => db.transaction(work),
    emit: async (envelope) => {
      await db.transaction(async (tx) => {
        await events.enqueue(tx, envelope);
      });
    },
    publish: (envelope) => bus.publish(envelope),
    rows: async (text, params = []) => (await pool.query(text, params)).rows,
    start: () => events.start(),
    stop: async () => {
      await events.close();
      await pool.end();
    },
  };
}
