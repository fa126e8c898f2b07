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

/** The probe's own event tables, as any service has them, in a schema of its own. */
const probe = pgSchema('analytics_probe');
const tables = { outbox: outboxTable(probe), inbox: inboxTable(probe), deadLetters: deadLetterTable(probe) };

export interface Probe {
  /** Its event runtime: subscribe before `start`, enqueue in `transaction` to produce. */
  events: EventRuntime;
  transaction: TransactionalDb['transaction'];
  /** Straight to the broker, bypassing the outbox: what a redelivery looks like to consumers. */
  publish: EventBus['publish'];
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * A tiny service of another kind (the order, payment, user... services stand-in):
 * its own outbox, inbox and dead letters in the same database, its own
 * consumer name, on the same broker as the service under test. Events reach
 * it, and leave it, through the real relay, bus and inbox.
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
    relay: { pollIntervalMs: 50 },
  });
  return {
    events,
    transaction: (work) => db.transaction(work),
    publish: (envelope) => bus.publish(envelope),
    start: () => events.start(),
    stop: async () => {
      await events.close();
      await pool.end();
    },
  };
}
