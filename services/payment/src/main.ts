import { runMain } from '@emporium/platform/service/run-main';
import { paymentService } from './service.js';

await runMain(paymentService);
