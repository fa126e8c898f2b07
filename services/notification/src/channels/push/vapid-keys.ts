import webPush from 'web-push';
import type { NotificationExecutor } from '../../db/database.js';
import { storedVapidKeys } from '../../db/vapid-keys.repo.js';
import type { VapidDetails } from './push-channel.js';

/**
 * The configured VAPID keys, or (none configured) a pair generated once and
 * kept in the database, so browsers' subscriptions stay valid across restarts.
 */
export async function resolveVapidKeys(
  db: NotificationExecutor,
  config: { vapidPublicKey?: string | undefined; vapidPrivateKey?: string | undefined; vapidSubject: string },
): Promise<VapidDetails> {
  if (config.vapidPublicKey && config.vapidPrivateKey) {
    return {
      subject: config.vapidSubject,
      publicKey: config.vapidPublicKey,
      privateKey: config.vapidPrivateKey,
    };
  }
  const keys = await storedVapidKeys(db, () => webPush.generateVAPIDKeys());
  return { subject: config.vapidSubject, ...keys };
}
