import { randomBytes } from 'node:crypto';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { type RunningService, startService } from '@emporium/platform/service/start-service';
import { testEventSettings } from '@emporium/platform/testing/test-broker';
import { createTestDatabase, type TestDatabase } from '@emporium/platform/testing/test-database';
import { createTestIdentity, type TestIdentity } from '@emporium/platform/testing/test-identity';
import { productService } from '@emporium/product/service';
import { searchService } from '../../src/service.js';

export interface SearchWithProduct {
  product: RunningService;
  search: RunningService;
  database: TestDatabase;
  identity: TestIdentity;
  stop: () => Promise<void>;
}

/**
 * The product service and the search service as they run embedded: one
 * database (a schema each), one bus (the in-process broker, or RabbitMQ on
 * names of this run's own when `AMQP_URL` is set), search finding product
 * through static discovery, both trusting one signing key.
 */
export async function startSearchWithProduct(
  searchEnv: Record<string, string> = {},
): Promise<SearchWithProduct> {
  const database = await createTestDatabase();
  const identity = await createTestIdentity();
  const amqpUrl = process.env.AMQP_URL;
  const broker = amqpUrl ? undefined : createInProcessBroker();
  const env = {
    LIVE_CONFIG: 'false',
    ...testEventSettings(`t${randomBytes(4).toString('hex')}.`),
    JWKS_URL: identity.jwksUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '5',
    ...(amqpUrl ? { AMQP_URL: amqpUrl } : {}),
  };
  const started: RunningService[] = [];
  try {
    const options = broker ? { inProcessBroker: broker } : {};
    const product = await startService(productService, { ...options, env });
    started.push(product);
    const search = await startService(searchService, {
      ...options,
      env: { ...env, SERVICE_URLS: `product=${product.url}`, ...searchEnv },
    });
    started.push(search);
    broker?.open();
    return {
      product,
      search,
      database,
      identity,
      stop: async () => {
        for (const service of started.reverse()) await service.close();
        await identity.close();
        await database.drop();
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.close().catch(() => {});
    await identity.close();
    await database.drop();
    throw error;
  }
}
