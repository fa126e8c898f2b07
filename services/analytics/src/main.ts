import { runMain } from '@emporium/platform/service/run-main';
import { analyticsService } from './service.js';

await runMain(analyticsService);
