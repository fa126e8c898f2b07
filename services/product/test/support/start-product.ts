import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import { httpClient } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { createTestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import pg from 'pg';
import { productService } from '../../src/service.js';

export type Send = ReturnType<typeof httpClient>;

export interface ProductUnderTest {
  service: Pick<TestService, 'url' | 'identity' | 'instance'>;
  /** As the shop's admin (every permission). */
  admin: Send;
  /** Anonymous. */
  anonymous: Send;
  /** As a customer, by subject. */
  customer: (sub: string) => Promise<Send>;
  /** Reads the service's database directly (outbox rows, counts). */
  sql: <R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ) => Promise<R[]>;
  stop: () => Promise<void>;
}

/**
 * The product service for a suite: its own database, image directory and
 * cache key prefix (so suites sharing one Redis never read each other's
 * entries), and clients signed as an admin, a customer or nobody.
 */
export async function startProduct(env: Record<string, string> = {}): Promise<ProductUnderTest> {
  const images = await mkdtemp(join(tmpdir(), 'product-images-'));
  const service = await startTestService(productService, {
    PRODUCT_IMAGE_DIR: images,
    CACHE_KEY_PREFIX: `t${randomBytes(4).toString('hex')}`,
    ...(process.env.PRODUCT_TEST_LOG_LEVEL ? { LOG_LEVEL: process.env.PRODUCT_TEST_LOG_LEVEL } : {}),
    ...env,
  });
  return wrap(service, service.database!.url, async () => {
    await service.stop();
    await rm(images, { recursive: true, force: true });
  });
}

/**
 * The same on a given in-process broker, whatever AMQP_URL says: a suite
 * publishes another service's events (order.completed) into it and watches
 * this service consume them.
 */
export async function startProductOnBroker(broker: InProcessBroker): Promise<ProductUnderTest> {
  const images = await mkdtemp(join(tmpdir(), 'product-images-'));
  const database = await createTestDatabase();
  const identity = await createTestIdentity();
  const running = await startService(productService, {
    inProcessBroker: broker,
    env: {
      LIVE_CONFIG: 'false',
      JWKS_URL: identity.jwksUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '5',
      PRODUCT_IMAGE_DIR: images,
      CACHE_KEY_PREFIX: `t${randomBytes(4).toString('hex')}`,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    },
  });
  broker.open();
  return wrap({ ...running, identity }, database.url, async () => {
    await running.close();
    await identity.close();
    await database.drop();
    await rm(images, { recursive: true, force: true });
  });
}

async function wrap(
  service: ProductUnderTest['service'],
  databaseUrl: string,
  stop: () => Promise<void>,
): Promise<ProductUnderTest> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const admin = httpClient(service.url, await service.identity.bearer({ sub: 'admin-1', roles: ['admin'] }));
  return {
    service,
    admin,
    anonymous: httpClient(service.url),
    customer: async (sub) =>
      httpClient(service.url, await service.identity.bearer({ sub, roles: ['customer'] })),
    sql: async (text, params) => (await pool.query(text, params)).rows,
    stop: async () => {
      await pool.end();
      await stop();
    },
  };
}
