import { runMain } from '@emporium/platform/service/run-main';
import { userService } from './service.js';

await runMain(userService);
