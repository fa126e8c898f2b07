import { runMain } from '@emporium/platform/service/run-main';
import { recommendationService } from './service.js';

await runMain(recommendationService);
