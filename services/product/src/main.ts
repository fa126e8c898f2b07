import { runMain } from '@emporium/platform/service/run-main';
import { productService } from './service.js';

await runMain(productService);
