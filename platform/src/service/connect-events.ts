import { drizzle } from 'drizzle-orm/node-postgres';
import { ConfigError } from '../config/load-config.js';
import type { Database } from '../db/database.js';
import { createEventBus } from '../events/create-event-bus.js';
import { createEventRuntime, type EventRuntime } from '../events/event-runtime.js';
import type { InProcessBroker } from '../events/in-process-broker.js';
import type { TransactionalDb } from '../events/sql-executor.js';
import type { Logger } from '../log/logger.js';
import type { ServiceMetrics } from '../metrics/metrics.js';
import type { ServiceDefinition } from './service-definition.js';

/**
 * The event runtime of a service that declares `events`: RabbitMQ when
 * `AMQP_URL` is set, otherwise the process's in-process broker (embedded).
 * A service with events and neither is misconfigured, and says so at boot.
 */
export function connectEvents(
  definition: Pick<ServiceDefinition, 'name' | 'events'>,
  context: {
    amqpUrl: string | undefined;
    eventNamespace: string;
    eventQueueExpiryMs: number | undefined;
    inProcessBroker: InProcessBroker | undefined;
    database: Database | undefined;
    logger: Logger;
    metrics: ServiceMetrics;
  },
): EventRuntime | undefined {
  if (!definition.events) return undefined;
  if (!context.database)
    throw new ConfigError(definition.name, ['DATABASE_URL: events need the outbox database']);
  if (!context.amqpUrl && !context.inProcessBroker) {
    throw new ConfigError(definition.name, [
      'AMQP_URL: required (this service produces or consumes events); or run it embedded with `npm start`',
    ]);
  }
  const bus = createEventBus({
    amqpUrl: context.amqpUrl,
    inProcessBroker: context.inProcessBroker,
    logger: context.logger,
    connectionName: definition.name,
    ...(context.eventNamespace ? { namePrefix: context.eventNamespace } : {}),
    queueExpiryMs: context.eventQueueExpiryMs,
  });
  return createEventRuntime({
    service: definition.name,
    db: drizzle(context.database.pool) as unknown as TransactionalDb,
    pool: context.database.pool,
    tables: definition.events.tables,
    bus,
    logger: context.logger,
    metrics: context.metrics,
    ...(definition.events.produces ? { produces: definition.events.produces } : {}),
  });
}
