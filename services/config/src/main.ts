import { runMain } from '@emporium/platform/service/run-main';
import { configService } from './service.js';

await runMain(configService);
