import { Writable } from 'node:stream';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import { testEventSettings } from '@emporium/platform/testing/test-broker';
import { createTestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import pg from 'pg';
import { paymentService } from '../../src/service.js';
import { startOrderStandIn } from './order-stand-in.js';

/**
 * The payment service as `startTestService` starts it (its own database,
 * PGlite or the real server; RabbitMQ when AMQP_URL is set; a test identity),
 * plus what these suites need beside it: every log line it writes, at trace
 * level, kept in memory (the card-number test reads them), and an order
 * service stand-in reached through static discovery.
 */
export async function startPaymentService(env: Record<string, string> = {}) {
  const orders = await startOrderStandIn();
  const database = await createTestDatabase();
  const identity = await createTestIdentity();
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const inProcessBroker = process.env.AMQP_URL ? undefined : createInProcessBroker();
  const running = await startService(paymentService, {
    ...(inProcessBroker ? { inProcessBroker } : {}),
    logDestination: destination,
    env: {
      LIVE_CONFIG: 'false',
      ...testEventSettings(`t${Math.random().toString(16).slice(2, 10)}.`),
      JWKS_URL: identity.jwksUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '5',
      SERVICE_URLS: `order=${orders.url}`,
      SANDBOX_DECISION_DELAY_MS: '20',
      SANDBOX_DISPUTE_DELAY_MS: '100',
      RECONCILE_INTERVAL_MS: '0',
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      ...(process.env.AMQP_URL ? { AMQP_URL: process.env.AMQP_URL } : {}),
      ...env,
    },
  });
  inProcessBroker?.open();
  const sql = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    url: running.url,
    orders,
    identity,
    logs,
    /** Reads the service's tables directly, as the assertions need. */
    sql,
    stop: async () => {
      await sql.end();
      await running.close();
      await orders.close();
      await identity.close();
      await database.drop();
    },
  };
}

export type PaymentUnderTest = Awaited<ReturnType<typeof startPaymentService>>;
