import { defineService } from '@emporium/platform/service/service-definition';
import { buildApp } from './app.js';
import { GatewayConfig } from './config.js';
import { proxyWebSocketUpgrades } from './proxy/websocket-upgrade.js';
import { upstreamServices } from './routing/route-table.js';
import { createUpstreams } from './upstream/upstreams.js';

export const gatewayService = defineService({
  name: 'gateway',
  version: '0.1.0',
  description: 'The one public entry: routes /api/v1/<area> to the owning service.',
  configSchema: GatewayConfig,
  async create(runtime) {
    const upstreams = createUpstreams(runtime.config, upstreamServices);
    const app = await buildApp({
      config: runtime.config,
      logger: runtime.logger,
      // Asked per request: discovery balances across instances and may change them at any time.
      locator: runtime.locator,
      upstreams,
      // The edge verifies callers with the verifiers every service uses (API keys when the runtime has them).
      auth: runtime.auth,
      liveConfig: runtime.liveConfig,
      metrics: runtime.metrics,
      readiness: runtime.readiness,
    });
    proxyWebSocketUpgrades(app.server, {
      config: runtime.config,
      logger: runtime.logger,
      locator: runtime.locator,
      upstreams,
      auth: runtime.auth,
    });
    return { app, close: () => upstreams.close() };
  },
});
