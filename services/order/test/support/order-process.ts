/**
 * The order service alone in a process of its own, for the crash test: it
 * starts from the environment like `main.ts` does (on the in-process broker
 * when there is no AMQP_URL), prints its URL on one line, and runs until
 * killed. The test kills it with SIGKILL mid-saga and starts another.
 */
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import { orderService } from '../../src/service.js';

const broker = process.env.AMQP_URL ? undefined : createInProcessBroker();
const running = await startService(orderService, {
  env: process.env,
  ...(broker ? { inProcessBroker: broker } : {}),
});
broker?.open();
process.stdout.write(`${JSON.stringify({ url: running.url, pid: process.pid })}\n`);
