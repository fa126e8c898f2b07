import { randomBytes } from 'node:crypto';
import type { EventEnvelope } from '@emporium/contracts/events/envelope';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { type RunningService, startService } from '@emporium/platform/service/start-service';
import { createProbe } from '@emporium/platform/testing/probe-service';
import { testEventSettings } from '@emporium/platform/testing/test-broker';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity, type TestIdentity } from '@emporium/platform/testing/test-identity';
import { searchService } from '../../src/service.js';

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

  // The producer: its own outbox and relay, in a schema of its own beside the search service's.
  const producer = await createProbe({
    name: 'catalog-feed',
    schema: 'catalog_feed',
    databaseUrl: database.url,
    broker,
    namespace: namePrefix,
  });
  await producer.start();
  broker?.open();

  return {
    search,
    database,
    identity,
    publish: async (...envelopes) => {
      await producer.transaction(async (tx) => {
        for (const envelope of envelopes) await producer.events.enqueue(tx, envelope);
      });
    },
    stop: async () => {
      await producer.stop();
      await search.close();
      await identity.close();
      await database.drop();
    },
  };
}
