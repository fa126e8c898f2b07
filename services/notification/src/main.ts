import { runMain } from '@emporium/platform/service/run-main';
import { notificationService } from './service.js';

await runMain(notificationService);
