import { runMain } from '@emporium/platform/service/run-main';
import { orderService } from './service.js';

await runMain(orderService);
