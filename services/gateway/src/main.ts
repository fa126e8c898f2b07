import { runMain } from '@emporium/platform/service/run-main';
import { gatewayService } from './service.js';

await runMain(gatewayService);
