import { gatewayService } from '@emporium/gateway/service';
import { inventoryService } from '@emporium/inventory/service';
import { startEmbeddedPostgres } from '@emporium/platform/db/embedded-postgres';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import type { ServerOrder, ServerReply } from './server-processes.js';

/**
 * One service in a process of its own, as distributed mode runs it, for the
 * scenarios that compare it with the one-process (embedded) layout. Started
 * by `startServerProcess`; answers its CPU time and event-loop use on request.
 */
const reply = (message: ServerReply) => process.send?.(message);

process.once('message', async (order: ServerOrder) => {
  const postgres = order.embeddedPostgres ? await startEmbeddedPostgres() : undefined;
  const inProcessBroker = createInProcessBroker();
  const env = { ...order.env, ...(postgres ? { DATABASE_URL: postgres.url } : {}) };
  const running =
    order.service === 'gateway'
      ? await startService(gatewayService, { env })
      : await startService(inventoryService, { env, inProcessBroker });
  inProcessBroker.open();
  process.on('message', async (message: { kind: 'usage' } | { kind: 'stop' }) => {
    if (message.kind === 'usage') {
      reply({ kind: 'usage', cpu: process.cpuUsage(), loop: performance.eventLoopUtilization() });
      return;
    }
    await running.close();
    await postgres?.stop();
    process.exit(0);
  });
  reply({ kind: 'started', url: running.url });
});
