import { runMain } from '@emporium/platform/service/run-main';
import { searchService } from './service.js';

await runMain(searchService);
