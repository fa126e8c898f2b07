import { createRedisConnection } from '@emporium/platform/cache/redis-connection';
import type { Logger } from '@emporium/platform/log/logger';
import type { LiveHub, LiveMessage } from './live-hub.js';

type Broadcast = { to: 'user'; userId: string; message: LiveMessage } | { to: 'staff'; message: LiveMessage };

/**
 * Live updates across replicas. An event is handled by one replica of the
 * notification service (competing consumers), but the socket it is for may
 * be open on another: so every message goes out on a Redis channel and each
 * replica delivers it to the sockets it holds. Redis pub/sub keeps nothing:
 * a replica that is disconnected at that moment misses the message, and the
 * client catches up by reading its orders (live updates are a convenience,
 * the delivery log and the order itself are the record).
 */
export function broadcastOverRedis(
  local: LiveHub,
  options: { url: string; channel: string; logger: Logger },
): LiveHub & { close: () => Promise<void> } {
  const publisher = createRedisConnection({ url: options.url, prefix: 'notification' });
  const subscriber = publisher.duplicate();
  subscriber.on('error', () => {});
  // No offline queue on these connections: subscribe once each connection is ready (again after a reconnect).
  subscriber.on('ready', () => {
    subscriber.subscribe(options.channel).catch((error: unknown) => {
      options.logger.warn({ err: error }, 'live updates: cannot subscribe to the broadcast channel');
    });
  });
  subscriber.on('message', (_channel, text: string) => {
    try {
      const broadcast = JSON.parse(text) as Broadcast;
      if (broadcast.to === 'staff') local.toStaff(broadcast.message);
      else local.toUser(broadcast.userId, broadcast.message);
    } catch (error) {
      options.logger.warn({ err: error }, 'live updates: unreadable broadcast dropped');
    }
  });
  const publish = (broadcast: Broadcast) => {
    publisher.publish(options.channel, JSON.stringify(broadcast)).catch((error: unknown) => {
      options.logger.warn({ err: error }, 'live updates: broadcast failed');
    });
    return 0; // delivered asynchronously, on every replica, by the subscription above
  };
  return {
    join: local.join,
    connections: local.connections,
    toUser: (userId, message) => publish({ to: 'user', userId, message }),
    toStaff: (message) => publish({ to: 'staff', message }),
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
