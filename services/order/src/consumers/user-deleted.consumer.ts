import type { userDeleted } from '@emporium/contracts/events/user-events';
import type { EventHandler } from '@emporium/platform/events/event-runtime';
import { anonymiseCustomerOrders } from '../db/orders.repo.js';

/**
 * `user.deleted`: the account was erased, so its orders lose their personal
 * data (email, address) but stay in the books: amounts, lines and dates
 * are records a shop must keep.
 */
export function onUserDeleted(): EventHandler<typeof userDeleted> {
  return async (event, { tx, logger }) => {
    const anonymised = await anonymiseCustomerOrders(tx, event.data.userId);
    if (anonymised > 0) logger.info({ anonymised }, 'orders of a deleted customer anonymised');
  };
}
