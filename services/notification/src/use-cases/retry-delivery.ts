import type { RequestContext } from '@emporium/platform/http/request-context';
import { findDelivery, requeueFailed } from '../db/deliveries.repo.js';
import { notificationErrors } from '../domain/errors.js';
import type { NotificationDeps } from './deps.js';
import { type DeliveryView, toDeliveryView } from './list-deliveries.js';

/**
 * An admin sends a failed message again (the relay was down for longer than
 * the retries lasted, the address was fixed): it is queued with a fresh
 * budget of attempts and the dispatcher picks it up.
 */
export async function retryDelivery(
  deps: Pick<NotificationDeps, 'db'>,
  ctx: RequestContext,
  id: string,
): Promise<DeliveryView> {
  const requeued = await requeueFailed(deps.db, id);
  if (requeued) {
    ctx.logger.info({ deliveryId: id, channel: requeued.channel }, 'delivery requeued');
    return toDeliveryView(requeued);
  }
  if (!(await findDelivery(deps.db, id))) throw notificationErrors.DELIVERY_NOT_FOUND(`no delivery ${id}`);
  throw notificationErrors.DELIVERY_NOT_RETRYABLE('the delivery is queued, sent, or erased');
}
