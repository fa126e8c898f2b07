import { runMain } from '@emporium/platform/service/run-main';
import { registryService } from './service.js';

await runMain(registryService);
