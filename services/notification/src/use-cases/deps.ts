import type { Logger } from '@emporium/platform/log/logger';
import type { NotificationDb } from '../db/database.js';
import type { TemplateStore } from '../rendering/template-store.js';

/** Everything the notification use cases need, built once in `service.ts`. */
export interface NotificationDeps {
  db: NotificationDb;
  logger: Logger;
  templates: TemplateStore;
  defaultLocale: string;
}
