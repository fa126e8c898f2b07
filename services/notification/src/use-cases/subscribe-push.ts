import type { RequestContext } from '@emporium/platform/http/request-context';
import { deletePushSubscription, savePushSubscription } from '../db/push-subscriptions.repo.js';
import { notificationErrors } from '../domain/errors.js';
import type { NotificationDeps } from './deps.js';

export interface PushSubscriptionView {
  id: string;
  endpoint: string;
  createdAt: string;
}

/** Keeps a browser's push subscription for the signed-in user (the browser's PushSubscription.toJSON()). */
export async function subscribePush(
  deps: Pick<NotificationDeps, 'db'>,
  ctx: RequestContext,
  userId: string,
  input: { endpoint: string; keys: { p256dh: string; auth: string } },
): Promise<PushSubscriptionView> {
  const row = await savePushSubscription(deps.db, { userId, endpoint: input.endpoint, keys: input.keys });
  ctx.logger.info({ userId, subscriptionId: row.id }, 'push subscription saved');
  return { id: row.id, endpoint: row.endpoint, createdAt: row.createdAt.toISOString() };
}

/** Removes one of the user's own subscriptions; someone else's endpoint is as unknown as a missing one. */
export async function unsubscribePush(
  deps: Pick<NotificationDeps, 'db'>,
  userId: string,
  endpoint: string,
): Promise<void> {
  if (!(await deletePushSubscription(deps.db, { endpoint, userId }))) {
    throw notificationErrors.PUSH_SUBSCRIPTION_NOT_FOUND('no such subscription of yours');
  }
}
