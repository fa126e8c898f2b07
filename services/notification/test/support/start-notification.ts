import { randomBytes } from 'node:crypto';
import { createInProcessBroker, type InProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import { httpClient } from '@emporium/platform/testing/http';
import type { TestService } from '@emporium/platform/testing/start-test-service';
import { testEventSettings } from '@emporium/platform/testing/test-broker';
import { createTestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import { notificationService } from '../../src/service.js';
import { createProbe, type Probe } from './probe-service.js';

export interface NotificationUnderTest extends TestService {
  /** Another service on the same broker: enqueue (through its outbox) or publish events with it. */
  probe: Probe;
  /** An admin client (`notifications:read:any`). */
  admin: ReturnType<typeof httpClient>;
}

/**
 * The notification service on its own database and event namespace, with a
 * probe producer beside it on the same broker (in-process, or RabbitMQ when
 * AMQP_URL is set). Dispatching is fast so tests see mail within ~100 ms.
 */
export async function startNotification(env: Record<string, string> = {}): Promise<NotificationUnderTest> {
  const database = await createTestDatabase();
  const identity = await createTestIdentity();
  const broker: InProcessBroker | undefined = process.env.AMQP_URL ? undefined : createInProcessBroker();
  const namespace = `t${randomBytes(4).toString('hex')}.`;
  let probe: Probe | undefined;
  try {
    const running = await startService(notificationService, {
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
        DISPATCH_INTERVAL_MS: '25',
        DELIVERY_RETRY_BASE_MS: '100',
        DELIVERY_RETRY_MAX_MS: '400',
        SEND_TIMEOUT_MS: '2000',
        NOTIFY_ADMIN_EMAILS: 'stock@shop.example, ops@shop.example',
        SHOP_URL: 'https://shop.example',
        ...(process.env.AMQP_URL ? { AMQP_URL: process.env.AMQP_URL } : {}),
        ...env,
      },
    });
    probe = await createProbe({ name: 'notify-probe', databaseUrl: database.url, broker, namespace });
    await probe.start();
    broker?.open();
    const admin = httpClient(running.url, await identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
    const started = probe;
    return {
      ...running,
      database,
      identity,
      probe: started,
      admin,
      stop: async () => {
        await started.stop();
        await running.close();
        await identity.close();
        await database.drop();
      },
    };
  } catch (error) {
    await probe?.stop();
    await identity.close();
    await database.drop();
    throw error;
  }
}
