import type { EventEnvelope } from '@emporium/contracts/events/envelope';
import { createEventBus } from '@emporium/platform/events/create-event-bus';
import type { EventBus } from '@emporium/platform/events/event-bus';
import { createEventRuntime, type EventRuntime } from '@emporium/platform/events/event-runtime';
import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import type { InProcessBroker } from '@emporium/platform/events/in-process-broker';
import type { TransactionalDb } from '@emporium/platform/events/sql-executor';
import { createLogger } from '@emporium/platform/log/logger';
import { createMetrics } from '@emporium/platform/metrics/metrics';
import { testQueueExpiryMs } from '@emporium/platform/testing/test-broker';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgSchema } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** The probe's own event tables, as any producing service has them, in a schema of its own. */
const probe = pgSchema('notification_probe');
const tables = { outbox: outboxTable(probe), inbox: inboxTable(probe), deadLetters: deadLetterTable(probe) };

export interface Probe {
  events: EventRuntime;
  /** Produces an event the way a service does: outbox row in a transaction, then the relay. */
  emit: (envelope: EventEnvelope) => Promise<void>;
  /** Straight to the broker, bypassing the outbox: what a redelivery looks like to consumers. */
  publish: EventBus['publish'];
  /** SQL on the shared test database (the notification schema included). */
  // biome-ignore lint/suspicious/noExplicitAny: rows of arbitrary queries
  rows: (text: string, params?: unknown[]) => Promise<any[]>;
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * A stand-in for the user, order, payment and inventory services: its own
 * outbox in the same database, on the same broker as the notification
 * service, so events reach it through the real relay, bus and inbox.
 */
export async function createProbe(options: {
  name: string;
  databaseUrl: string;
  broker: InProcessBroker | undefined;
  namespace: string;
}): Promise<Probe> {
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
    relay: { pollIntervalMs: 25 },
  });
  return {
    events,
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
