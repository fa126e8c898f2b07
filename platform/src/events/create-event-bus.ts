import type { Logger } from '../log/logger.js';
import type { EventBus } from './event-bus.js';
import type { InProcessBroker } from './in-process-broker.js';
import { createInProcessBus } from './in-process-bus.js';
import { createRabbitMqBus } from './rabbitmq-bus.js';

/**
 * The bus a service runs on: RabbitMQ when `amqpUrl` is set (distributed),
 * otherwise the process's in-process broker (embedded; the launcher creates
 * one broker, passes it to every service, and calls `broker.open()` once
 * they have all subscribed).
 */
export function createEventBus(options: {
  amqpUrl?: string | undefined;
  inProcessBroker?: InProcessBroker | undefined;
  logger: Logger;
  /** RabbitMQ connection name, e.g. the service name. */
  connectionName?: string;
  namePrefix?: string;
  queueExpiryMs?: number | undefined;
}): EventBus {
  if (options.amqpUrl) {
    return createRabbitMqBus({
      url: options.amqpUrl,
      logger: options.logger,
      ...(options.connectionName ? { connectionName: options.connectionName } : {}),
      ...(options.namePrefix ? { namePrefix: options.namePrefix } : {}),
      ...(options.queueExpiryMs ? { queueExpiryMs: options.queueExpiryMs } : {}),
    });
  }
  if (options.inProcessBroker) {
    return createInProcessBus({ broker: options.inProcessBroker, logger: options.logger });
  }
  throw new Error('an event bus needs AMQP_URL (RabbitMQ) or the in-process broker (embedded mode)');
}
