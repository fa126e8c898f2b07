import type { Logger } from '@emporium/platform/log/logger';
import type { NotificationDb } from '../db/database.js';
import type { LiveHub } from '../live/live-hub.js';
import type { TemplateStore } from '../rendering/template-store.js';

/** Everything the notification use cases and consumers need, built once in `service.ts`. */
export interface NotificationDeps {
  db: NotificationDb;
  logger: Logger;
  templates: TemplateStore;
  defaultLocale: string;
  /** Base of the links in messages. */
  shopUrl: string;
  /** Who receives stock alerts by email. */
  adminEmails: string[];
  live: LiveHub;
  /** Browsers subscribe to push with it. */
  vapidPublicKey: string;
}
