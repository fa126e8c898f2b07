import { randomBytes } from 'node:crypto';
import { createInProcessBroker, type InProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import type { TestService } from '@emporium/platform/testing/start-test-service';
import { testEventSettings } from '@emporium/platform/testing/test-broker';
import { createTestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import { inventoryService } from '../../src/service.js';

export interface InventoryUnderTest extends TestService {
  /** The in-process broker it publishes to (embedded), shared with any probe; undefined on RabbitMQ. */
  broker: InProcessBroker | undefined;
  /** The RabbitMQ name prefix it uses, for a probe's bus. */
  namespace: string;
}

/**
 * `startTestService` for the inventory service, keeping hold of its broker
 * (so a probe consumer can share it) and optionally joining an existing
 * database as a second replica. The broker is left closed: call
 * `broker?.open()` once every consumer has subscribed.
 */
export async function startInventory(
  options: { env?: Record<string, string>; databaseUrl?: string; namespace?: string } = {},
): Promise<InventoryUnderTest> {
  const database = options.databaseUrl ? undefined : await createTestDatabase();
  const identity = await createTestIdentity();
  const broker = process.env.AMQP_URL ? undefined : createInProcessBroker();
  const namespace = options.namespace ?? `t${randomBytes(4).toString('hex')}.`;
  try {
    const running = await startService(inventoryService, {
      ...(broker ? { inProcessBroker: broker } : {}),
      env: {
        LIVE_CONFIG: 'false',
        ...testEventSettings(namespace),
        JWKS_URL: identity.jwksUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATABASE_URL: options.databaseUrl ?? database!.url,
        DATABASE_POOL_MAX: '5',
        ...(process.env.AMQP_URL ? { AMQP_URL: process.env.AMQP_URL } : {}),
        ...options.env,
      },
    });
    return {
      ...running,
      database,
      identity,
      broker,
      namespace,
      stop: async () => {
        await running.close();
        await identity.close();
        await database?.drop();
      },
    };
  } catch (error) {
    await identity.close();
    await database?.drop();
    throw error;
  }
}
