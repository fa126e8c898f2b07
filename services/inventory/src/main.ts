import { runMain } from '@emporium/platform/service/run-main';
import { inventoryService } from './service.js';

await runMain(inventoryService);
