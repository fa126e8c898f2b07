import { randomBytes } from 'node:crypto';
import { createInProcessBroker, type InProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import type { TestService } from '@emporium/platform/testing/start-test-service';
import { testEventSettings } from '@emporium/platform/testing/test-broker';
import { createTestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import { analyticsService } from '../../src/service.js';
import { createProbe, type Probe } from './probe-service.js';

export interface AnalyticsUnderTest extends TestService {
  /** The other services' stand-in on the same broker: it produces their events through its own outbox. */
  producer: Probe;
}

/**
 * The analytics service on a database of its own, with a producer probe on
 * the same broker (in-process, or RabbitMQ under a throwaway namespace when
 * AMQP_URL is set). The broker opens once both have subscribed.
 */
export async function startAnalytics(env: Record<string, string> = {}): Promise<AnalyticsUnderTest> {
  const database = await createTestDatabase();
  const identity = await createTestIdentity();
  const broker: InProcessBroker | undefined = process.env.AMQP_URL ? undefined : createInProcessBroker();
  const namespace = `t${randomBytes(4).toString('hex')}.`;
  try {
    const running = await startService(analyticsService, {
      ...(broker ? { inProcessBroker: broker } : {}),
      env: {
        LIVE_CONFIG: 'false',
        ...testEventSettings(namespace),
        JWKS_URL: identity.jwksUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATABASE_URL: database.url,
        DATABASE_POOL_MAX: '5',
        PERFORMANCE_SCRAPE_INTERVAL_MS: '0',
        ...(process.env.AMQP_URL ? { AMQP_URL: process.env.AMQP_URL } : {}),
        ...env,
      },
    });
    const producer = await createProbe({ name: 'shop-probe', databaseUrl: database.url, broker, namespace });
    await producer.start();
    broker?.open();
    return {
      ...running,
      database,
      identity,
      producer,
      stop: async () => {
        await producer.stop();
        await running.close();
        await identity.close();
        await database.drop();
      },
    };
  } catch (error) {
    await identity.close();
    await database.drop();
    throw error;
  }
}
