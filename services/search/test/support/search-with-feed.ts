import { randomBytes } from 'node:crypto';
import type { EventEnvelope } from '@emporium/contracts/events/envelope';
import { createEventBus } from '@emporium/platform/events/create-event-bus';
import { createEventRuntime } from '@emporium/platform/events/event-runtime';
import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import type { TransactionalDb } from '@emporium/platform/events/sql-executor';
import { createLogger } from '@emporium/platform/log/logger';
import { createMetrics } from '@emporium/platform/metrics/metrics';
import { type RunningService, startService } from '@emporium/platform/service/start-service';
import { testEventSettings, testQueueExpiryMs } from '@emporium/platform/testing/test-broker';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity, type TestIdentity } from '@emporium/platform/testing/test-identity';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgSchema } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { searchService } from '../../src/service.js';

/** The producer's own tables, in a schema of its own beside the search service's. */
const feed = pgSchema('catalog_feed');
const feedTables = { outbox: outboxTable(feed), inbox: inboxTable(feed), deadLetters: deadLetterTable(feed) };

export interface SearchWithFeed {
  search: RunningService;
  database: TestDatabase;
  identity: TestIdentity;
  /** Commits the events in one transaction, as a producing service does with its state change. */
  publish: (...envelopes: EventEnvelope[]) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * The search service, and a tiny producer on the same bus standing in for
 * the product and inventory services: its own outbox and relay, publishing
 * through the in-process broker (or RabbitMQ when `AMQP_URL` is set, on
 * names of this run's own), so events reach search's consumers the way
 * they do in production: outbox → relay → broker → inbox → handler.
 */
export async function startSearchWithFeed(env: Record<string, string> = {}): Promise<SearchWithFeed> {
  const database = await createTestDatabase();
  const identity = await createTestIdentity();
  const amqpUrl = process.env.AMQP_URL;
  const broker = amqpUrl ? undefined : createInProcessBroker();
  const namePrefix = `t${randomBytes(4).toString('hex')}.`;
  const search = await startService(searchService, {
    ...(broker ? { inProcessBroker: broker } : {}),
    env: {
      LIVE_CONFIG: 'false',
      ...testEventSettings(namePrefix),
      JWKS_URL: identity.jwksUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '5',
      ...(amqpUrl ? { AMQP_URL: amqpUrl } : {}),
      ...env,
    },
  });

  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on('error', () => {});
  for (const statement of await generateMigration(
    generateDrizzleJson({}),
    generateDrizzleJson({ feed, ...feedTables }),
  )) {
    await pool.query(statement);
  }
  const db = drizzle(pool) as unknown as TransactionalDb;
  const logger = createLogger({ service: 'catalog-feed', version: '0', level: 'silent' });
  const producer = createEventRuntime({
    service: 'catalog-feed',
    db,
    pool,
    tables: feedTables,
    bus: createEventBus({
      amqpUrl,
      inProcessBroker: broker,
      logger,
      connectionName: 'catalog-feed',
      namePrefix,
      queueExpiryMs: testQueueExpiryMs,
    }),
    logger,
    metrics: createMetrics('catalog-feed'),
    relay: { pollIntervalMs: 50 },
  });
  await producer.start();
  broker?.open();

  return {
    search,
    database,
    identity,
    publish: async (...envelopes) => {
      await db.transaction(async (tx) => {
        for (const envelope of envelopes) await producer.enqueue(tx, envelope);
      });
    },
    stop: async () => {
      await producer.close();
      await pool.end();
      await search.close();
      await identity.close();
      await database.drop();
    },
  };
}
