import { randomBytes } from 'node:crypto';
import type { EventEnvelope } from '@emporium/contracts/events/envelope';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { type RunningService, startService } from '@emporium/platform/service/start-service';
import { createProbe } from '@emporium/platform/testing/probe-service';
import { testEventSettings } from '@emporium/platform/testing/test-broker';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity, type TestIdentity } from '@emporium/platform/testing/test-identity';
import pg from 'pg';
import { modelWorkers, recommendationService } from '../../src/service.js';
import type { ModelWorker } from '../../src/workers/model-worker.js';

export interface RecommendationWithFeed {
  service: RunningService;
  worker: ModelWorker;
  database: TestDatabase;
  /** Plain SQL on the service's database, for assertions on what it stored. */
  sql: pg.Pool;
  identity: TestIdentity;
  /** Commits the events in one transaction, as the order, product and inventory services do with their state change. */
  publish: (...envelopes: EventEnvelope[]) => Promise<void>;
  /** Publishes an event again, straight to the broker, as a redelivery after a lost acknowledgement would. */
  redeliver: (envelope: EventEnvelope) => Promise<void>;
  /** Resolves once the service has handled the event (its inbox row is done). */
  handled: (envelope: { id: string }) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * The recommendation service and a tiny producer on the same bus standing
 * in for the order, product and inventory services: its own outbox and
 * relay, through the in-process broker (or RabbitMQ when `AMQP_URL` is set,
 * under this run's own names), so events arrive the way they do in
 * production: outbox → relay → broker → inbox → handler. The model worker
 * drains its backlog every 100 ms and never rebuilds on its own.
 */
export async function startRecommendationWithFeed(
  env: Record<string, string> = {},
): Promise<RecommendationWithFeed> {
  const database = await createTestDatabase();
  const identity = await createTestIdentity();
  const amqpUrl = process.env.AMQP_URL;
  const broker = amqpUrl ? undefined : createInProcessBroker();
  const namePrefix = `t${randomBytes(4).toString('hex')}.`;
  const service = await startService(recommendationService, {
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
      MODEL_INCREMENTAL_INTERVAL_MS: '100',
      MODEL_REBUILD_INTERVAL_MS: '0',
      MODEL_REBUILD_AT_START_DELAY_MS: '-1',
      ...(amqpUrl ? { AMQP_URL: amqpUrl } : {}),
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      ...env,
    },
  });

  // The producer: its own outbox and relay, in a schema of its own beside the recommendation service's.
  const producer = await createProbe({
    name: 'shop-feed',
    schema: 'shop_feed',
    databaseUrl: database.url,
    broker,
    namespace: namePrefix,
  });
  await producer.start();
  broker?.open();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on('error', () => {});

  return {
    service,
    worker: modelWorkers.get(service.app)!,
    database,
    sql: pool,
    identity,
    publish: async (...envelopes) => {
      await producer.transaction(async (tx) => {
        for (const envelope of envelopes) await producer.events.enqueue(tx, envelope);
      });
    },
    redeliver: (envelope) => producer.publish(envelope),
    handled: async (envelope) => {
      const started = performance.now();
      for (;;) {
        const { rows } = await pool.query(
          `select 1 from recommendation.inbox where event_id = $1 and status = 'done'`,
          [envelope.id],
        );
        if (rows.length > 0) return;
        if (performance.now() - started > 10_000) throw new Error(`event ${envelope.id} was not handled`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: async () => {
      await producer.stop();
      await pool.end();
      await service.close();
      await identity.close();
      await database.drop();
    },
  };
}
