import { fileURLToPath } from 'node:url';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, description } from './app.js';
import { configureChannels } from './channels/configured-channels.js';
import { resolveVapidKeys } from './channels/push/vapid-keys.js';
import { NotificationConfig } from './config.js';
import { subscribeOrders } from './consumers/orders.consumer.js';
import { subscribePasswordReset } from './consumers/password-reset.consumer.js';
import { subscribePayments } from './consumers/payments.consumer.js';
import { subscribeStockAlerts } from './consumers/stock-alerts.consumer.js';
import { subscribeUsers } from './consumers/users.consumer.js';
import * as schema from './db/schema.js';
import { switchesFrom } from './domain/channel-switches.js';
import { createLiveHub } from './live/live-hub.js';
import { broadcastOverRedis } from './live/redis-broadcast.js';
import { loadTemplates } from './rendering/template-store.js';
import type { NotificationDeps } from './use-cases/deps.js';
import { startDeliveryDispatcher } from './workers/delivery-dispatcher.js';

/** The service's own `templates/`, beside `src/` and `dist/` alike. */
const bundledTemplates = fileURLToPath(new URL('../templates', import.meta.url));

export const notificationService = defineService({
  name: 'notification',
  version: '0.1.0',
  description,
  configSchema: NotificationConfig,
  database: {
    schema: 'notification',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  // Produces no events; the tables hold its inbox and dead letters.
  events: { tables: { outbox: schema.outbox, inbox: schema.inbox, deadLetters: schema.deadLetters } },
  async create(runtime) {
    const { config, logger } = runtime;
    const db = drizzle(runtime.database!.pool, { schema });
    const vapid = await resolveVapidKeys(db, config);
    // `runtime.featureFlags` from the config service switch channels off and on without a restart.
    const switches = switchesFrom(runtime.liveConfig?.current().featureFlags);
    runtime.liveConfig?.onChange('featureFlags', (flags) => {
      Object.assign(switches, switchesFrom(flags));
      logger.info({ switches }, 'notification channels switched');
    });
    if (!config.smtpUrl && config.emporiumProfile === 'production') {
      logger.warn('no SMTP_URL in production: mail goes to the in-process SMTP server and never leaves');
    }
    const localLive = createLiveHub(() => switches.websocket);
    // With Redis (distributed mode) every replica delivers to its own sockets; embedded, one process holds them all.
    const live = config.redisUrl
      ? broadcastOverRedis(localLive, {
          url: config.redisUrl,
          channel: `${config.eventNamespace}notification:live`,
          logger,
        })
      : undefined;
    const deps: NotificationDeps = {
      db,
      logger,
      templates: await loadTemplates(config.templatesDir ?? bundledTemplates, config.defaultLocale),
      defaultLocale: config.defaultLocale,
      shopUrl: config.shopUrl,
      adminEmails: (config.notifyAdminEmails ?? '')
        .split(',')
        .map((address) => address.trim().toLowerCase())
        .filter(Boolean),
      live: live ?? localLive,
      vapidPublicKey: vapid.publicKey,
    };
    const events = runtime.events!;
    subscribeUsers(deps, events);
    subscribePasswordReset(deps, events);
    subscribeOrders(deps, events);
    subscribePayments(deps, events);
    subscribeStockAlerts(deps, events);

    const channels = await configureChannels({ config, db, vapid, logger });
    const dispatcher = startDeliveryDispatcher(
      {
        db,
        logger,
        senders: channels.senders,
        switches,
        settings: {
          batch: config.dispatchBatch,
          maxAttempts: config.deliveryMaxAttempts,
          retryBaseMs: config.deliveryRetryBaseMs,
          retryMaxMs: config.deliveryRetryMaxMs,
          sendTimeoutMs: config.sendTimeoutMs,
        },
      },
      { intervalMs: config.dispatchIntervalMs, logger },
    );
    const app = await buildApp({
      ...deps,
      auth: runtime.auth,
      metrics: runtime.metrics,
      readiness: runtime.readiness,
      pushAllowHttpEndpoints: config.pushAllowHttpEndpoints,
    });
    return {
      app,
      close: async () => {
        await dispatcher.stop();
        await channels.close();
        await live?.close();
      },
    };
  },
});
