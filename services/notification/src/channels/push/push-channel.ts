import webPush from 'web-push';
import type { NotificationExecutor } from '../../db/database.js';
import { deletePushSubscription, findPushSubscription } from '../../db/push-subscriptions.repo.js';
import { type ChannelSender, contentOf, PermanentSendError } from '../channel.js';

export interface VapidDetails {
  subject: string;
  publicKey: string;
  privateKey: string;
}

/**
 * Web Push: web-push encrypts the payload for the subscription's keys and
 * signs the request with VAPID; it is then POSTed to the subscription's
 * endpoint (the browser vendor's push service) with a timeout. A push
 * service answering 404 or 410 says the subscription is gone: it is removed
 * and the message is not retried; other 4xx (but 429) are permanent too.
 */
export function createPushChannel(options: {
  db: NotificationExecutor;
  vapid: VapidDetails;
  timeoutMs: number;
}): ChannelSender {
  return {
    channel: 'push',
    async send(message) {
      const push = contentOf(message, 'push');
      const subscription = await findPushSubscription(options.db, message.recipient);
      if (!subscription) throw new PermanentSendError('the push subscription was removed');
      const request = webPush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: subscription.keys },
        JSON.stringify({ title: push.title, body: push.body, url: push.url }),
        { vapidDetails: options.vapid, TTL: 24 * 3_600, urgency: 'normal', contentEncoding: 'aes128gcm' },
      );
      // fetch sets Content-Length from the body itself.
      const headers = Object.fromEntries(
        Object.entries(request.headers)
          .filter(([name]) => name.toLowerCase() !== 'content-length')
          .map(([name, value]) => [name, String(value)]),
      );
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers,
        body: request.body ? new Uint8Array(request.body) : null,
        signal: AbortSignal.timeout(options.timeoutMs),
      }).catch((error: Error & { cause?: { code?: string; message?: string } }) => {
        throw new Error(
          `push service unreachable: ${error.cause?.code ?? error.cause?.message ?? error.message}`,
        );
      });
      await response.body?.cancel();
      if (response.ok) return;
      const status = response.status;
      if (status === 404 || status === 410) {
        await deletePushSubscription(options.db, { endpoint: subscription.endpoint });
        throw new PermanentSendError(`the push service dropped the subscription (${status})`);
      }
      if (status >= 400 && status < 500 && status !== 429) {
        throw new PermanentSendError(`the push service refused the message (${status})`);
      }
      throw new Error(`the push service answered ${status}`);
    },
  };
}
