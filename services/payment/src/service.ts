import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { paymentEvents } from '@emporium/contracts/events/payment-events';
import { createServiceClient } from '@emporium/platform/resilience/service-client';
import { defineService } from '@emporium/platform/service/service-definition';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp, paymentServiceDescription } from './app.js';
import { createOrderLookup } from './clients/order-client.js';
import { PaymentConfig } from './config.js';
import * as schema from './db/schema.js';
import { createPaymentMetrics } from './metrics.js';
import { configuredProviders, sandboxEnabled } from './providers/configured-providers.js';
import { type SandboxGateway, startSandboxGateway } from './sandbox-gateway/sandbox-gateway.js';
import type { PaymentDeps } from './use-cases/deps.js';
import { reconcilePayments } from './use-cases/reconcile-payments.js';

export const paymentService = defineService({
  name: 'payment',
  version: '0.1.0',
  description: paymentServiceDescription,
  configSchema: PaymentConfig,
  database: {
    schema: 'payment',
    migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  },
  events: {
    tables: { outbox: schema.outbox, inbox: schema.inbox, deadLetters: schema.deadLetters },
    produces: paymentEvents,
  },
  async create(runtime) {
    const config = runtime.config;
    let sandbox: SandboxGateway | undefined;
    const sandboxUrl = () => {
      const url = config.sandboxGatewayUrl ?? sandbox?.url;
      if (!url) throw new Error('the sandbox gateway is not running');
      return url.replace(/\/+$/, '');
    };
    const deps: PaymentDeps = {
      db: drizzle(runtime.database!.pool, { schema }),
      events: runtime.events!,
      logger: runtime.logger,
      metrics: createPaymentMetrics(runtime.metrics),
      providers: configuredProviders(config, sandboxUrl),
      orders: createOrderLookup(
        createServiceClient({ caller: 'payment', target: 'order', locator: runtime.locator }),
      ),
      captureMethod: config.captureMethod,
    };
    // No demo payments: payments come from checkouts.
    const app = await buildApp({
      ...deps,
      auth: runtime.auth,
      serviceMetrics: runtime.metrics,
      readiness: runtime.readiness,
    });

    if (sandboxEnabled(config) && !config.sandboxGatewayUrl) {
      // The sandbox posts its webhooks back to this service, which listens once create() returns.
      const ownWebhookUrl = () => {
        const { port } = app.server.address() as AddressInfo;
        return `http://127.0.0.1:${port}/api/v1/payments/webhooks/sandbox`;
      };
      sandbox = await startSandboxGateway({
        host: config.sandboxGatewayHost,
        port: config.sandboxGatewayPort,
        apiKey: config.sandboxApiKey,
        webhookSecret: config.sandboxWebhookSecret,
        webhookUrl: () => config.sandboxWebhookUrl ?? ownWebhookUrl(),
        decisionDelayMs: config.sandboxDecisionDelayMs,
        disputeDelayMs: config.sandboxDisputeDelayMs,
        logger: runtime.logger.child({ component: 'sandbox-gateway' }),
      });
    }

    const reconciler =
      config.reconcileIntervalMs > 0
        ? setInterval(() => {
            reconcilePayments(deps, { olderThanMs: config.reconcileAfterMs }).catch((error: unknown) =>
              runtime.logger.warn({ err: error }, 'payment reconciliation failed'),
            );
          }, config.reconcileIntervalMs)
        : undefined;
    reconciler?.unref();

    return {
      app,
      close: async () => {
        clearInterval(reconciler);
        await sandbox?.close();
      },
    };
  },
});
